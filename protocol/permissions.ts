/**
 * The host permission a team pack URL needs: its origin, asked for by the options page when
 * the agent saves the URL and checked by the worker before every fetch.
 */
export function originPattern(url: string): string {
  return `${new URL(url).origin}/*`;
}
