'use strict';
/**
 * What the n8n process costs, read from /proc (Linux only).
 *
 * Peak RSS: VmHWM is the exact high-water mark, and writing "5" to /proc/<pid>/clear_refs resets it to
 * the current RSS (Linux >= 4.0, needs to own the process or CAP_SYS_ADMIN). Where that reset is refused,
 * VmHWM would only ever report the peak since n8n started, so VmRSS is sampled every `intervalMs` instead
 * (a peak shorter than the interval can then be missed). Both are kept: the reported peak is the larger.
 *
 * CPU: utime + stime of /proc/<pid>/stat (clock ticks, 100 per second here), as a delta over the run.
 */
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

let clockTicks;
function ticksPerSecond() {
	if (clockTicks === undefined) {
		try {
			clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
		} catch {
			clockTicks = 100;
		}
	}
	return clockTicks;
}

function statusKb(pid, field) {
	const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
	return m ? Number(m[1]) : undefined;
}

function rssKb(pid) {
	return statusKb(pid, 'VmRSS');
}

/** User + system CPU time of the process in milliseconds. */
function cpuMs(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name (field 2) may contain spaces: split after its closing parenthesis.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	return ((utime + stime) * 1000) / ticksPerSecond();
}

/** Busy and total CPU time of the whole machine in milliseconds (all cores), from /proc/stat. */
function machineCpuMs() {
	const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
	const v = line.trim().split(/\s+/).slice(1).map(Number);
	// user nice system idle iowait irq softirq steal
	const idle = v[3] + (v[4] || 0);
	const total = v.slice(0, 8).reduce((a, b) => a + (b || 0), 0);
	const k = 1000 / ticksPerSecond();
	return { busy: (total - idle) * k, total: total * k };
}

/** This process's own CPU (the bench and the in-process sandbox) in milliseconds. */
function ownCpuMs() {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
}

/**
 * Cores used by everything else on the machine (not n8n `pid`, not this process) over `ms`: other
 * people's builds and tests on a shared machine, which make wall times noisy.
 */
async function otherLoad(pid, ms = 2000) {
	const m0 = machineCpuMs();
	const n0 = cpuMs(pid);
	const o0 = ownCpuMs();
	await new Promise((r) => setTimeout(r, ms));
	const busy = machineCpuMs().busy - m0.busy - (cpuMs(pid) - n0) - (ownCpuMs() - o0);
	return Math.max(0, busy / ms);
}

/** Reset VmHWM to the current RSS; false when the kernel refuses. */
function resetPeak(pid) {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** PIDs of the process's children (to notice helper processes whose memory would not be counted). */
function childPids(pid) {
	try {
		return fs
			.readdirSync(`/proc/${pid}/task`)
			.flatMap((tid) =>
				fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/),
			)
			.filter(Boolean)
			.map(Number);
	} catch {
		return [];
	}
}

/**
 * Watches one process during a measured run:
 *   const m = new ProcessMonitor(pid).start(); ...; const r = m.stop();
 *   r = { baselineRssMb, peakRssMb, growthMb, cpuMs, samples, hwmReset }
 * baselineRssMb is the RSS when start() ran (the idle baseline when n8n was idle then).
 */
class ProcessMonitor {
	constructor(pid, { intervalMs = 50 } = {}) {
		this.pid = pid;
		this.intervalMs = intervalMs;
	}

	start() {
		this.hwmReset = resetPeak(this.pid);
		this.baselineKb = rssKb(this.pid);
		this.maxSampledKb = this.baselineKb;
		this.samples = 1;
		this.cpuStart = cpuMs(this.pid);
		this.machineStart = machineCpuMs().busy;
		this.ownStart = ownCpuMs();
		this.t0 = process.hrtime.bigint();
		this.timer = setInterval(() => this.sample(), this.intervalMs);
		return this;
	}

	sample() {
		try {
			const kb = rssKb(this.pid);
			if (kb > this.maxSampledKb) this.maxSampledKb = kb;
			this.samples++;
		} catch {
			/* process gone: stop() reports what was seen */
		}
	}

	stop() {
		clearInterval(this.timer);
		this.sample();
		const hwmKb = this.hwmReset ? statusKb(this.pid, 'VmHWM') : 0;
		const peakKb = Math.max(hwmKb || 0, this.maxSampledKb);
		const cpu = cpuMs(this.pid) - this.cpuStart;
		const seconds = Number(process.hrtime.bigint() - this.t0) / 1e9;
		const others = machineCpuMs().busy - this.machineStart - cpu - (ownCpuMs() - this.ownStart);
		return {
			baselineRssMb: this.baselineKb / 1024,
			peakRssMb: peakKb / 1024,
			growthMb: (peakKb - this.baselineKb) / 1024,
			cpuMs: cpu,
			monitoredSeconds: seconds,
			samples: this.samples,
			hwmReset: this.hwmReset,
			// Cores busy with other work on the machine meanwhile (0 on a quiet machine).
			otherCores: Math.max(0, others / 1000 / seconds),
		};
	}
}

module.exports = {
	ProcessMonitor,
	rssKb,
	cpuMs,
	resetPeak,
	childPids,
	ticksPerSecond,
	machineCpuMs,
	otherLoad,
};
