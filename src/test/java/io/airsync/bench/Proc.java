package io.airsync.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Linux tells about a process and the machine ({@code /proc}): CPU time, resident memory, machine-wide CPU use
 * and load. Figures are null/-1 when {@code /proc} is not there (not Linux).
 */
final class Proc {

    /** Clock ticks per second of {@code /proc/<pid>/stat} times; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /** User + system CPU time of the process, in ms; -1 when unknown. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long selfPid() {
        return ProcessHandle.current().pid();
    }

    /** A field of {@code /proc/<pid>/status} in kB (VmHWM: peak resident set, VmRSS: resident set); -1 if unknown. */
    static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    /** Machine CPU counters from {@code /proc/stat}: busy and total jiffies over all cores. */
    record MachineCpu(long busy, long total) {
        static MachineCpu now() {
            try {
                String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
                String[] f = first.trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
                return new MachineCpu(total - idle, total);
            } catch (IOException | RuntimeException e) {
                return new MachineCpu(0, 0);
            }
        }

        /** Share of all cores busy between {@code earlier} and this, 0..1. */
        double busySince(MachineCpu earlier) {
            long t = total - earlier.total;
            return t <= 0 ? 0 : (double) (busy - earlier.busy) / t;
        }

        /** CPU ms spent by the whole machine (all processes) since {@code earlier}. */
        long busyMillisSince(MachineCpu earlier) {
            return (busy - earlier.busy) * 1000 / TICKS_PER_SECOND;
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long memTotalMb() {
        return statusLikeKb(Path.of("/proc/meminfo"), "MemTotal") / 1024;
    }

    static long memAvailableMb() {
        return statusLikeKb(Path.of("/proc/meminfo"), "MemAvailable") / 1024;
    }

    private static long statusLikeKb(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return "unknown";
    }

    /** The busiest processes other than this one, as {@code ps} shows them (command cut short), for the record. */
    static List<String> busiestProcesses(int n) {
        List<String> out = new ArrayList<>();
        try {
            Process ps = new ProcessBuilder("ps", "-eo", "pid,pcpu,rss,etimes,args", "--sort=-pcpu").redirectErrorStream(true).start();
            List<String> lines = new String(ps.getInputStream().readAllBytes()).lines().toList();
            ps.waitFor();
            long self = selfPid();
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+", 5);
                if (f.length < 5 || Long.parseLong(f[0]) == self || f[4].startsWith("ps ")) {
                    continue;
                }
                out.add(String.format("pid %s: %s%% CPU (lifetime average), %d MB RSS, up %s s: %s", f[0], f[1],
                        Long.parseLong(f[2]) / 1024, f[3], describe(f[4])));
                if (out.size() == n) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            out.add("(ps unavailable: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** A command line cut to what identifies it (the main class or tool), never arguments that may hold secrets. */
    private static String describe(String args) {
        String[] words = args.split("\\s+");
        String exe = Path.of(words[0]).getFileName().toString();
        if (exe.equals("java")) {
            for (int i = words.length - 1; i > 0; i--) {
                String w = words[i];
                if (w.matches("[a-zA-Z_$][\\w$]*(\\.[a-zA-Z_$][\\w$]*)+") && !w.startsWith("-")) {
                    return "java " + w;
                }
            }
            for (String w : words) {
                if (w.contains("plexus-classworlds") || w.contains("maven")) {
                    return "java (Maven)";
                }
            }
            return "java";
        }
        return exe + (words.length > 1 && !words[1].startsWith("-") ? " " + Path.of(words[1]).getFileName() : "");
    }

    /** Total GC pause time of this JVM so far, ms (collectors that report pauses). */
    static long ownGcMillis() {
        long sum = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getCollectionTime() > 0 && !gc.getName().contains("Cycles")) {
                sum += gc.getCollectionTime();
            }
        }
        return sum;
    }
}
