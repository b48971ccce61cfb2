/** The machine a bench ran on: CPU model and cores (/proc/cpuinfo), Node and Chromium versions. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

const CHROMIUM = '/usr/bin/chromium';

interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  chromium: string | null;
  /** 1-minute load average when the bench started: other work on the machine inflates timings. */
  loadAverage: number;
}

export function machine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  if (existsSync('/proc/cpuinfo')) {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1]!.trim();
  }
  let chromium: string | null = null;
  try {
    const out = execFileSync(CHROMIUM, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    chromium = /Chromium\s+[\d.]+/.exec(out)?.[0] ?? out.trim();
  } catch {
    chromium = null;
  }
  return {
    date: new Date().toISOString(),
    cpu,
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}
