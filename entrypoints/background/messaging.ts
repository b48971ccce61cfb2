// Temporary: the protocol moved to protocol/. Kept only until the side panel and options
// page import it from there (removed in the commit that repoints them).
export type { BadgeView, CaseSummary, CaseView, PackInfo, PageUnreadable, ProtocolMap, Settings, SettingsPatch, TabCases, TeamPackStatus } from '../../protocol/map';
export { sendMessage, onMessage, removeAllListeners } from '../../protocol/messaging';
