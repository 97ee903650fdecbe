package io.airsync.bench;

import io.airsync.testing.demo.DemoDataGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results file: machine, settings, one table per set, the targets met or missed, notes. */
final class ResultsReport {

    /** The scenarios of one size at one setting. */
    static final class EngineSuite {
        final int users;
        final TimeScale scale;
        DemoDataGenerator.Counts counts;
        long seedMs;
        final List<ScenarioResult> scenarios = new ArrayList<>();

        EngineSuite(int users, TimeScale scale) {
            this.users = users;
            this.scale = scale;
        }

        void add(ScenarioResult r) {
            scenarios.add(r);
        }

        ScenarioResult get(String name) {
            return scenarios.stream().filter(s -> s.name.equals(name)).findFirst().orElse(null);
        }
    }

    record Baseline(PrototypeBaseline.Outcome outcome, RequestTally requests, int landed, double machineBusy) {
    }

    /** Airsync's initial load and the prototype's, same data, same settings. */
    static final class RatioSuite {
        final int users;
        final TimeScale scale;
        DemoDataGenerator.Counts counts;
        ScenarioResult airsync;
        final List<Baseline> baselines = new ArrayList<>();

        RatioSuite(int users, TimeScale scale) {
            this.users = users;
            this.scale = scale;
        }
    }

    /** One run of the Airtable.js peer (issue 11). */
    record PeerResult(String scenario, AirtableJsPeer.Outcome outcome, RequestTally requests, long records,
                      double competingRate, int rate, double machineBusy, long othersCpuMs) {
        double minimumSeconds() {
            return requests.admitted() / (rate - competingRate);
        }

        double actualSeconds() {
            return outcome.elapsedMs() / 1000.0;
        }

        double efficiency() {
            return outcome.elapsedMs() <= 0 ? 0 : minimumSeconds() / actualSeconds();
        }
    }

    /** Issue 11's worlds at one size and setting: Airsync's runs and the peer's, per world. */
    static final class PacingSuite {
        final int users;
        final TimeScale scale;
        DemoDataGenerator.Counts counts;
        final java.util.Map<PacingCondition, List<ScenarioResult>> airsync = new java.util.LinkedHashMap<>();
        final java.util.Map<PacingCondition, List<PeerResult>> peer = new java.util.LinkedHashMap<>();

        PacingSuite(int users, TimeScale scale) {
            this.users = users;
            this.scale = scale;
        }

        void add(PacingCondition world, ScenarioResult r) {
            airsync.computeIfAbsent(world, k -> new ArrayList<>()).add(r);
        }

        void addPeer(PacingCondition world, PeerResult r) {
            peer.computeIfAbsent(world, k -> new ArrayList<>()).add(r);
        }

        PeerResult peer(PacingCondition world, String scenario) {
            return peer.getOrDefault(world, List.of()).stream().filter(p -> p.scenario().equals(scenario)).findFirst()
                    .orElse(null);
        }
    }

    final List<PacingSuite> pacing = new ArrayList<>();
    final List<EngineSuite> engine = new ArrayList<>();
    final List<RatioSuite> ratios = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    private Instant started;
    private Instant finished;
    private String startLoad;
    private String endLoad;
    private long startAvailableMb;
    private List<String> busiest = List.of();
    private Path app;
    private List<String> jvm;
    private String note;

    void start(Path app, List<String> jvm, String note, List<String> scenarios) {
        this.started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.app = app;
        this.jvm = jvm;
        this.note = note;
        this.startLoad = Proc.loadAverage();
        this.startAvailableMb = Proc.memAvailableMb();
        this.busiest = Proc.busiestProcesses(6);
    }

    void finish() {
        finished = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        endLoad = Proc.loadAverage();
    }

    String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Airsync benchmark, ").append(started).append("\n\n");
        md.append("Produced by `io.airsync.bench.AirsyncBenchmark` (`./mvnw -Pbench package`); see benchmarks/README.md ")
                .append("for what each figure means.\n\n");
        machine(md);
        for (EngineSuite s : engine) {
            engineSection(md, s);
        }
        if (!ratios.isEmpty()) {
            ratioSection(md);
        }
        for (PacingSuite p : pacing) {
            pacingSection(md, p);
        }
        targets(md);
        pacingTargets(md);
        if (!failures.isEmpty()) {
            md.append("\n## Failures\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    private void machine(StringBuilder md) {
        md.append("## Machine and settings\n\n");
        md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (")
                .append(Proc.cpuModel()).append("), ").append(String.format(Locale.ROOT, "%,d", Proc.memTotalMb()))
                .append(" MB RAM (").append(String.format(Locale.ROOT, "%,d", startAvailableMb))
                .append(" MB available at start), ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append('\n');
        md.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n');
        md.append("- Load average (1/5/15 min) at start: ").append(startLoad)
                .append(finished != null ? "; at end: " + endLoad : "").append('\n');
        if (note != null && !note.isBlank()) {
            md.append("- What else ran: ").append(note).append('\n');
        }
        md.append("- Busiest other processes at start (ps, CPU averaged over each process's life):\n");
        busiest.forEach(b -> md.append("  - ").append(b).append('\n'));
        md.append("- Duration: ").append(started).append(" to ").append(finished == null ? "(running)" : finished)
                .append(finished == null ? "" : " (" + Duration.between(started, finished).toMinutes() + " min)")
                .append('\n');
        md.append("- Function: ").append(app).append(", one process per scenario, started like the java21 Lambda ")
                .append("runtime (AWS runtime interface client + our Runtime API emulator), JVM options `")
                .append(String.join(" ", jvm)).append("` (a 512 MB Lambda: heap cap, serial GC, C1 only as Lambda's Java ")
                .append("runtime sets it), state and reports in local files\n");
        md.append("- Airtable: the emulator (io.airsync.testing.airtable) with the default base schema ")
                .append("(infra/airtable/schema.json), in the benchmark's JVM; per base at most `rate` requests in any ")
                .append("sliding second, then 429 to everything for the penalty; latency added to every answer. ")
                .append("Airsync's client is set to the same rate and penalty.\n");
        md.append("- MongoDB: the embedded wire-protocol server (io.airsync.testing.mongo), in the benchmark's JVM, ")
                .append("seeded by DemoDataGenerator (seed ").append(DemoDataGenerator.DEFAULT_SEED)
                .append("; per user 0.05 events, at least 50, and 4 messages)\n");
        md.append("- True to life = 5 requests/s, 30 s penalty, 150 ms latency (Airtable's own limits). ")
                .append("Time-scaled xk = the same rules with every time constant divided by k: 5k requests/s, 30/k s ")
                .append("penalty, 150/k ms latency (the 1 s window stays). CPU, memory and request counts do not ")
                .append("depend on the scale; times and efficiency at a scale also measure whether the engine, the ")
                .append("emulator and MongoDB keep up on this machine.\n\n");
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f3(double v) {
        return Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private void engineSection(StringBuilder md, EngineSuite s) {
        md.append("## ").append(n(s.users)).append(" users, ").append(s.scale.describe()).append("\n\n");
        if (s.counts != null) {
            md.append(String.format(Locale.ROOT, "Dataset: %,d users, %,d events, %,d messages = %,d documents "
                    + "(seeded in %.1f s).%n%n", s.counts.users(), s.counts.events(), s.counts.messages(),
                    s.counts.total(), s.seedMs / 1000.0));
        }
        md.append("Airtable side (requests counted from the emulator's log; upsert/update split from the function's ")
                .append("own counts):\n\n");
        md.append("| scenario | status | inv. | docs read | changed | schema | list | create | upsert | update | delete ")
                .append("| 429 | min s | actual s | efficiency | writes / changed | fewest writes possible |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (ScenarioResult r : s.scenarios) {
            RequestTally t = r.requests;
            long upsertOrUpdate = t.patch;
            long upsert = Math.min(upsertOrUpdate, r.clientUpsert);
            md.append("| ").append(r.name).append(" | ").append(r.status).append(" | ").append(r.invocations)
                    .append(" | ").append(n(r.documents)).append(" | ").append(n(r.changed()))
                    .append(" | ").append(n(t.schema)).append(" | ").append(n(t.list + t.get)).append(" | ")
                    .append(n(t.create)).append(" | ").append(n(upsert)).append(" | ").append(n(upsertOrUpdate - upsert))
                    .append(" | ").append(n(t.delete)).append(" | ").append(n(t.rateLimited))
                    .append(" | ").append(f1(r.minimumSeconds())).append(" | ").append(f1(r.actualSeconds()))
                    .append(" | ").append(f3(r.efficiency())).append(" | ").append(f3(r.writesPerChanged()))
                    .append(" | ").append(n(r.idealWrites)).append(" |\n");
        }
        md.append("\nResources of the function process (heap from its GC log: highest occupancy after a collection = ")
                .append("live data, and before one = what the heap filled to; RSS = VmHWM):\n\n");
        md.append("| scenario | JVM start to first event ms | wall incl. start s | engine CPU ms | CPU ms / 1,000 docs ")
                .append("| heap after GC MB | heap before GC MB | GCs (pause ms) | RSS peak MB | machine busy | others' CPU s ")
                .append("| send→arrival p50/p99/max ms |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (ScenarioResult r : s.scenarios) {
            FunctionProcess.Figures p = r.process;
            md.append("| ").append(r.name).append(" | ").append(n(p.initMs())).append(" | ").append(f1(r.wallMs / 1000.0))
                    .append(" | ").append(n(r.engineCpuMs)).append(" | ").append(f2(r.cpuMsPer1000Documents()))
                    .append(" | ").append(n(p.heapPeakAfterGcMb())).append(" | ").append(n(p.heapPeakBeforeGcMb()))
                    .append(" | ").append(p.gcCount()).append(" (").append(n(p.gcPauseMs())).append(")")
                    .append(" | ").append(n(p.rssPeakMb()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f%%", r.machineBusy * 100))
                    .append(" | ").append(f1(r.othersCpuMs / 1000.0))
                    .append(" | ").append(r.sendToArrivalMs == null ? "n/a"
                            : r.sendToArrivalMs[0] + " / " + r.sendToArrivalMs[1] + " / " + r.sendToArrivalMs[2])
                    .append(" |\n");
        }
        md.append("\n");
        for (ScenarioResult r : s.scenarios) {
            List<String> lines = new ArrayList<>(r.notes);
            lines.addAll(r.penaltyNotes);
            if (r.failed > 0) {
                lines.add(n(r.failed) + " records failed (see the run's report)");
            }
            if (r.requests.errors > 0) {
                lines.add(n(r.requests.errors) + " requests answered with an error other than 429");
            }
            if (r.clientRetries > 0) {
                lines.add(n(r.clientRetries) + " retries by the client");
            }
            lines.add(String.format(Locale.ROOT, "benchmark JVM (emulator + MongoDB): %.1f s CPU, %,d ms GC pauses",
                    r.harnessCpuMs / 1000.0, r.harnessGcMs));
            md.append("- ").append(r.name).append(" (").append(r.description).append("): ")
                    .append(String.join("; ", lines)).append('\n');
        }
        md.append('\n');
    }

    private void pacingSection(StringBuilder md, PacingSuite s) {
        md.append("## Pacing: ").append(n(s.users)).append(" users, ").append(s.scale.describe()).append("\n\n");
        if (s.counts != null) {
            md.append(String.format(Locale.ROOT, "Dataset: %,d documents. Per world: Airsync's initial load into an "
                    + "empty base, every document changed, Airsync again; then (where shown) the same with the "
                    + "Airtable.js peer into another base (upserts in batches of 10, one request started every %.0f ms, "
                    + "Airtable.js's own back-off after a 429).%n%n", s.counts.total(), 1000 / AirtableJsPeer.RATE));
        }
        md.append("*429* = refusals answered to this client; *penalties* = penalties opened at the base while it ran ")
                .append("(by anyone); *penalty wait* = time Airsync's gate was closed (from its summary); *lowest pace* ")
                .append("= the lowest rate Airsync's pacing allowed; *rate left* = the base's rate less the competing ")
                .append("client's; *efficiency* = (requests admitted / rate left) / actual; *round trip* = Airsync's ")
                .append("requests from leaving to their answer (its summary); *safe ceiling* = the efficiency no client ")
                .append("that never draws a 429 can pass with those round trips, 1 s / (mean + 1 s - shortest) ")
                .append("(README, \"Why pacing cannot cause a 429\"), and *of ceiling* = efficiency / safe ceiling; ")
                .append("*peer / Airsync* = the peer's time over Airsync's for the same scenario and world.\n\n");
        md.append("| world | who | scenario | status | requests | 429 | penalties | penalty wait s | lowest pace /s ")
                .append("| rate left /s | min s | actual s | efficiency | round trip mean/shortest ms | safe ceiling ")
                .append("| of ceiling | peer / Airsync | machine busy | others' CPU s | send→arrival p50/p99/max ms |\n");
        md.append("|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (var e : s.airsync.entrySet()) {
            PacingCondition world = e.getKey();
            for (ScenarioResult r : e.getValue()) {
                PeerResult p = s.peer(world, r.name);
                md.append("| ").append(world.key).append(" | Airsync | ").append(r.name).append(" | ").append(r.status)
                        .append(" | ").append(n(r.requests.admitted())).append(" | ").append(n(r.requests.rateLimited))
                        .append(" | ").append(r.requests.penalties.size()).append(" | ").append(f1(r.penaltyWaitMs / 1000.0))
                        .append(" | ").append(f2(r.lowestRequestsPerSecond)).append(" | ")
                        .append(f2(r.scale.rate() - r.competingRate)).append(" | ").append(f1(r.minimumSeconds()))
                        .append(" | ").append(f1(r.actualSeconds())).append(" | ").append(f3(r.efficiency()))
                        .append(" | ").append(r.roundTrips == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f / %d",
                                r.meanRoundTripMs(), r.shortestRoundTripMs))
                        .append(" | ").append(r.roundTrips == 0 ? "n/a" : f3(r.safeCeiling()))
                        .append(" | ").append(r.roundTrips == 0 ? "n/a" : f2(r.efficiency() / r.safeCeiling()))
                        .append(" | ").append(p == null ? "" : f2(p.actualSeconds() / r.actualSeconds()) + "x")
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f%%", r.machineBusy * 100))
                        .append(" | ").append(f1(r.othersCpuMs / 1000.0)).append(" | ")
                        .append(r.sendToArrivalMs == null ? "n/a"
                                : r.sendToArrivalMs[0] + " / " + r.sendToArrivalMs[1] + " / " + r.sendToArrivalMs[2])
                        .append(" |\n");
            }
            for (PeerResult p : s.peer.getOrDefault(world, List.of())) {
                md.append("| ").append(world.key).append(" | Airtable.js peer | ").append(p.scenario()).append(" | ")
                        .append(p.outcome().failed() == 0 ? "succeeded" : n(p.outcome().failed()) + " records failed")
                        .append(" | ").append(n(p.requests().admitted())).append(" | ")
                        .append(n(p.requests().rateLimited)).append(" | ").append(p.requests().penalties.size())
                        .append(" |  |  | ").append(f2(p.rate() - p.competingRate())).append(" | ")
                        .append(f1(p.minimumSeconds())).append(" | ").append(f1(p.actualSeconds())).append(" | ")
                        .append(f3(p.efficiency())).append(" |  |  |  |  | ")
                        .append(String.format(Locale.ROOT, "%.0f%%", p.machineBusy() * 100)).append(" | ")
                        .append(f1(p.othersCpuMs() / 1000.0)).append(" |  |\n");
            }
        }
        md.append("\n");
        for (var e : s.airsync.entrySet()) {
            for (ScenarioResult r : e.getValue()) {
                List<String> lines = new ArrayList<>(r.notes);
                lines.addAll(r.penaltyNotes);
                if (r.requests.competing + r.requests.competingRefused > 0) {
                    lines.add(String.format(Locale.ROOT, "the competing client: %,d requests admitted, %,d refused",
                            r.requests.competing, r.requests.competingRefused));
                }
                if (r.failed > 0) {
                    lines.add(n(r.failed) + " records failed");
                }
                lines.add(String.format(Locale.ROOT, "benchmark JVM (emulator, MongoDB%s): %.1f s CPU",
                        e.getKey().busyThreads ? ", the two busy threads" : "", r.harnessCpuMs / 1000.0));
                md.append("- ").append(e.getKey().key).append(", ").append(r.name).append(": ")
                        .append(String.join("; ", lines)).append('\n');
            }
        }
        md.append('\n');
    }

    /** Issue 11's targets, per world. */
    private void pacingTargets(StringBuilder md) {
        if (pacing.isEmpty()) {
            return;
        }
        md.append("## Pacing targets (issue 11)\n\n| target | where | measured | verdict |\n|---|---|---|---|\n");
        for (PacingSuite s : pacing) {
            String size = n(s.users) + " users, " + s.scale.label();
            for (var e : s.airsync.entrySet()) {
                PacingCondition world = e.getKey();
                for (ScenarioResult r : e.getValue()) {
                    String where = size + ", " + world.key + ", " + r.name;
                    int penalties = r.requests.penalties.size();
                    if (world.competingPerSecond > 0) {
                        boolean ok = penalties <= 1; // one penalty at most: nothing after it
                        md.append("| at most one penalty, none after it | ").append(where).append(" | ")
                                .append(penalties).append(" penalties, ").append(r.requests.rateLimited)
                                .append(" x 429 to Airsync | ").append(ok ? "met" : "missed").append(" |\n");
                    } else {
                        md.append("| 0 refusals | ").append(where).append(" | ").append(r.requests.rateLimited)
                                .append(" x 429 | ").append(r.requests.rateLimited == 0 ? "met" : "missed").append(" |\n");
                    }
                    md.append("| efficiency ≥ ").append(f2(world.efficiencyTarget))
                            .append(world.competingPerSecond > 0 ? " of the rate left (penalty included)" : "")
                            .append(" | ").append(where).append(" | ").append(f3(r.efficiency()))
                            .append(r.roundTrips == 0 || r.safeCeiling() >= world.efficiencyTarget ? ""
                                    : String.format(Locale.ROOT, " (the safe ceiling of these round trips: %.3f; "
                                            + "%.0f%% of it)", r.safeCeiling(), 100 * r.efficiency() / r.safeCeiling()))
                            .append(" | ").append(r.efficiency() >= world.efficiencyTarget ? "met"
                                    : r.roundTrips > 0 && r.safeCeiling() < world.efficiencyTarget
                                            ? "missed: above what no-429 pacing can reach here" : "missed").append(" |\n");
                    PeerResult p = s.peer(world, r.name);
                    if (p != null && (world == PacingCondition.QUIET || world == PacingCondition.BUSY)) {
                        double ratio = p.actualSeconds() / r.actualSeconds();
                        md.append("| ≥ 1.15x faster than the Airtable.js peer | ").append(where).append(" | ")
                                .append(f2(ratio)).append("x (").append(f1(p.actualSeconds())).append(" s against ")
                                .append(f1(r.actualSeconds())).append(" s) | ").append(ratio >= 1.15 ? "met" : "missed")
                                .append(" |\n");
                    }
                }
            }
        }
        md.append('\n');
    }

    private void ratioSection(StringBuilder md) {
        md.append("## Against the prototype's way (initial load, same data, same settings)\n\n");
        md.append("The prototype: list every record of the table, then one POST per new record (PATCH per changed one), ")
                .append("sequentially, java.net.http. *Careful* spaces request starts 1.05/rate apart as Airsync did before issue 11 (so ")
                .append("the ratio measures one request per record, not pacing), waits out the penalty after a 429 and ")
                .append("sends again, retries a 5xx: every record lands. *As written* starts requests exactly 1/rate ")
                .append("apart and has no 429 handling: a refused write loses the record, a refused read stops the ")
                .append("script. Airsync's wall time includes its JVM start.\n\n");
        md.append("| data | setting | who | requests | 429 | records landed | failed | wall s | requests ratio | wall ratio |\n");
        md.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (RatioSuite s : ratios) {
            if (s.airsync == null) {
                continue;
            }
            String data = n(s.counts.total()) + " docs (" + n(s.users) + " users)";
            ScenarioResult a = s.airsync;
            md.append("| ").append(data).append(" | ").append(s.scale.label()).append(" | Airsync | ")
                    .append(n(a.requests.total())).append(" | ").append(n(a.requests.rateLimited)).append(" | ")
                    .append(n(a.created + a.updated)).append(" | ").append(n(a.failed)).append(" | ")
                    .append(f1(a.wallMs / 1000.0)).append(" | 1 | 1 |\n");
            for (Baseline b : s.baselines) {
                PrototypeBaseline.Outcome o = b.outcome();
                md.append("| ").append(data).append(" | ").append(s.scale.label()).append(" | prototype, ")
                        .append(o.variant().label).append(" | ").append(n(b.requests().total())).append(" | ")
                        .append(n(b.requests().rateLimited)).append(" | ").append(n(b.landed())).append(" | ")
                        .append(n(o.failed())).append(" | ").append(f1(o.wallMs() / 1000.0)).append(" | ")
                        .append(f1((double) b.requests().total() / a.requests.total())).append("x | ")
                        .append(f1(o.wallMs() / (double) a.wallMs)).append("x |\n");
            }
        }
        md.append("\nRatios are prototype / Airsync (how many times more requests and time the prototype needs). "
                + "*failed* counts the records that did not land (a refused write, or every record of a table the "
                + "script could not read and of the tables after it).\n\n");
        for (RatioSuite s : ratios) {
            for (Baseline b : s.baselines) {
                if (b.outcome().stopped() != null) {
                    md.append("- ").append(n(s.users)).append(" users, ").append(s.scale.label()).append(", prototype ")
                            .append(b.outcome().variant().label).append(": stopped early: ")
                            .append(b.outcome().stopped()).append('\n');
                }
            }
        }
        md.append('\n');
    }

    private void targets(StringBuilder md) {
        if (engine.isEmpty() && ratios.isEmpty()) {
            return; // a pacing-only run: its targets follow in their own section
        }
        md.append("## Targets\n\n");
        md.append("| target | where | measured | verdict |\n|---|---|---|---|\n");
        for (EngineSuite s : engine) {
            String where = n(s.users) + " users, " + s.scale.label();
            for (String name : List.of("initial", "100% changed")) {
                ScenarioResult r = s.get(name);
                if (r != null) {
                    boolean ok = r.efficiency() >= 0.9 && r.requests.rateLimited == 0;
                    md.append("| ").append(name).append(": efficiency ≥ 0.9, no 429").append(" | ").append(where)
                            .append(" | ").append(f3(r.efficiency())).append(", ").append(r.requests.rateLimited)
                            .append(" x 429 | ").append(!s.scale.trueToLife() ? "(the target is for true to life; "
                                    + "at this scale it shows whether the machine keeps up)" : ok ? "met" : "missed")
                            .append(" |\n");
                }
            }
            ScenarioResult nc = s.get("no change");
            if (nc != null) {
                long beyondSchema = nc.requests.admitted() - nc.requests.schema - nc.requests.writes();
                boolean ok = nc.requests.writes() == 0 && beyondSchema <= 3;
                md.append("| no change: 0 writes, ≤ 1 request per table beyond the schema read | ").append(where)
                        .append(" | ").append(nc.requests.writes()).append(" writes, ").append(beyondSchema)
                        .append(" other requests besides ").append(nc.requests.schema).append(" schema | ")
                        .append(ok ? "met" : "missed").append(" |\n");
            }
            ScenarioResult one = s.get("1% changed");
            if (one != null) {
                boolean atFloor = one.requests.writes() == one.idealWrites;
                md.append("| 1% changed: ≤ 0.1 write requests per changed record | ").append(where).append(" | ")
                        .append(f3(one.writesPerChanged())).append(" (").append(one.requests.writes()).append(" writes for ")
                        .append(n(one.changed())).append(" records; fewest possible ").append(one.idealWrites).append(") | ")
                        .append(one.writesPerChanged() <= 0.1 ? "met" : atFloor
                                ? "missed by the partial last batch of each table (at the floor)" : "missed").append(" |\n");
            }
            if (s.users >= 100_000) {
                long heap = s.scenarios.stream().mapToLong(r -> r.process.heapPeakAfterGcMb()).max().orElse(0);
                long heapBefore = s.scenarios.stream().mapToLong(r -> r.process.heapPeakBeforeGcMb()).max().orElse(0);
                boolean allOk = s.scenarios.stream().allMatch(r -> !"failed".equals(r.status));
                md.append("| 100,000 users: peak heap < 300 MB (runs in -Xmx300m) | ").append(where).append(" | ")
                        .append(heap).append(" MB live after GC, ").append(heapBefore).append(" MB before GC; ")
                        .append(allOk ? "every scenario finished" : "a scenario failed").append(" | ")
                        .append(heap < 300 && allOk ? "met" : "missed").append(" |\n");
                double worst = s.scenarios.stream().mapToDouble(ScenarioResult::cpuMsPer1000Documents).max().orElse(0);
                md.append("| 100,000 users: engine CPU < 1 ms per document | ").append(where).append(" | worst ")
                        .append(f3(worst / 1000.0)).append(" ms/doc | ").append(worst < 1000 ? "met" : "missed")
                        .append(" |\n");
            }
        }
        for (RatioSuite s : ratios) {
            if (s.airsync == null) {
                continue;
            }
            for (Baseline b : s.baselines) {
                if (b.outcome().variant() != PrototypeBaseline.Variant.CAREFUL) {
                    continue;
                }
                double req = (double) b.requests().total() / s.airsync.requests.total();
                double wall = b.outcome().wallMs() / (double) s.airsync.wallMs;
                md.append("| vs prototype: ≥ 8x fewer requests, ≥ 5x less wall time | ").append(n(s.users))
                        .append(" users, ").append(s.scale.label()).append(" | ").append(f1(req)).append("x requests, ")
                        .append(f1(wall)).append("x wall | ").append(req >= 8 && wall >= 5 ? "met" : "missed")
                        .append(" |\n");
            }
        }
        md.append('\n');
    }
}
