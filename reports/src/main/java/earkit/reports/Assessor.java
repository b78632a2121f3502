package earkit.reports;

import earkit.reports.Compliance.Area;
import earkit.reports.Compliance.RequirementResult;
import earkit.reports.Compliance.SentenceTrace;
import earkit.reports.Compliance.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Folds scenario results into requirement statuses and the verdict. */
final class Assessor {
    /** Requirement IDs as the suite tags them, e.g. {@code @EAR-ROT-003}. */
    private static final Pattern REQUIREMENT_TAG = Pattern.compile("^@(EAR-[A-Z0-9]+(?:-[A-Z0-9]+)*)$");

    private Assessor() {
    }

    static Compliance assess(RunInfo run, Catalogue catalogue, List<Deviation> deviations, CucumberMessages messages,
                             SeedSentences seed) {
        List<ScenarioResult> scenarios = messages.scenarios();
        List<String> warnings = new ArrayList<>();
        Map<String, List<ScenarioResult>> byRequirement = scenariosByRequirement(catalogue, scenarios, warnings);
        Map<String, Deviation> deviationById = new LinkedHashMap<>();
        for (Deviation deviation : deviations) {
            deviationById.put(deviation.requirement(), deviation);
        }
        Set<String> known = catalogue.requirements().stream().map(Catalogue.Requirement::id).collect(Collectors.toSet());
        deviationById.keySet().stream().filter(id -> !known.contains(id))
                .forEach(id -> warnings.add("deviations.json lists " + id + ", which is not in the catalogue"));

        List<RequirementResult> results = new ArrayList<>();
        for (Catalogue.Requirement requirement : catalogue.requirements()) {
            results.add(result(requirement, byRequirement.getOrDefault(requirement.id(), List.of()),
                    deviationById.get(requirement.id())));
        }
        boolean strict = run != null && Boolean.TRUE.equals(run.strict());
        return new Compliance(Compliance.SCHEMA_VERSION, runSummary(run, messages, scenarios.size()),
                verdict(results, scenarios.size(), strict), counts(results), areas(results), results,
                trace(catalogue, seed, warnings), warnings);
    }

    private static Map<String, List<ScenarioResult>> scenariosByRequirement(Catalogue catalogue,
                                                                            List<ScenarioResult> scenarios,
                                                                            List<String> warnings) {
        Set<String> known = catalogue.requirements().stream().map(Catalogue.Requirement::id).collect(Collectors.toSet());
        Map<String, List<ScenarioResult>> byRequirement = new LinkedHashMap<>();
        for (ScenarioResult scenario : scenarios) {
            boolean traced = false;
            for (String tag : scenario.tags()) {
                Matcher matcher = REQUIREMENT_TAG.matcher(tag);
                if (!matcher.matches()) {
                    continue;
                }
                traced = true;
                if (known.contains(matcher.group(1))) {
                    byRequirement.computeIfAbsent(matcher.group(1), id -> new ArrayList<>()).add(scenario);
                } else {
                    warnings.add("scenario \"" + scenario.name() + "\" (" + scenario.location() + ") is tagged "
                            + tag + ", which is not in the catalogue");
                }
            }
            if (!traced) {
                warnings.add("scenario \"" + scenario.name() + "\" (" + scenario.location()
                        + ") checks no requirement: it has no @EAR-… tag");
            }
        }
        return byRequirement;
    }

    private static RequirementResult result(Catalogue.Requirement requirement, List<ScenarioResult> scenarios,
                                            Deviation deviation) {
        long failed = scenarios.stream().filter(s -> s.status() == ScenarioOutcome.FAILED).count();
        long passed = scenarios.stream().filter(s -> s.status() == ScenarioOutcome.PASSED).count();
        RequirementStatus observed = scenarios.isEmpty() ? RequirementStatus.NOT_RUN
                : failed > 0 ? RequirementStatus.FAILED
                : passed > 0 ? RequirementStatus.PASSED
                : RequirementStatus.NOT_APPLICABLE;
        String skipReasons = scenarios.stream().map(ScenarioResult::skipReason).filter(r -> r != null)
                .distinct().collect(Collectors.joining("; "));

        RequirementStatus status = observed;
        String reason;
        switch (observed) {
            case FAILED -> {
                ScenarioResult first = scenarios.stream().filter(s -> s.status() == ScenarioOutcome.FAILED)
                        .findFirst().orElseThrow();
                // The suite's messages open with the requirement IDs ("[EAR-INA-005] ..."), which the report shows already.
                String line = abbreviate(firstLine(first.message()).replaceFirst("^\\[?(EAR-[A-Z0-9-]+(,\\s*)?)+\\]?[\\s:]*", ""));
                reason = failed + " of " + scenarios.size() + (scenarios.size() == 1 ? " scenario" : " scenarios")
                        + " failed: " + line;
                if (deviation != null) {
                    status = RequirementStatus.KNOWN_DEVIATION;
                    reason = "known deviation of the target: " + deviation.reason() + " (" + reason + ")";
                }
            }
            case PASSED -> {
                reason = passed < scenarios.size()
                        ? (scenarios.size() - passed) + " of " + scenarios.size() + " scenarios not applicable: "
                          + skipReasons : null;
                if (deviation != null) {
                    status = RequirementStatus.FLAGGED_DEVIATION;
                    reason = "listed as a known deviation (" + deviation.reason()
                            + ") but every applicable scenario passed: update the target's deviations";
                }
            }
            case NOT_APPLICABLE -> reason = skipReasons.isEmpty() && deviation != null ? deviation.reason() : skipReasons;
            default -> reason = "no scenario of this requirement ran";
        }
        return new RequirementResult(requirement.id(), requirement.level(), requirement.area(),
                requirement.statement(), requirement.sentences(), status, reason, scenarios);
    }

    static Verdict verdict(List<RequirementResult> results, int scenarioCount, boolean strict) {
        List<String> reasons = new ArrayList<>();
        if (scenarioCount == 0) {
            reasons.add("No scenario ran.");
        }
        for (RequirementResult result : results) {
            if (result.status() == RequirementStatus.FAILED && "MUST".equals(result.level())) {
                reasons.add(result.id() + " (MUST) failed: " + result.reason());
            } else if (strict && result.status() != RequirementStatus.PASSED && result.status() != RequirementStatus.NOT_RUN) {
                // Not run means filtered out (--tags) or not written yet: a warning, not a result of the target.
                reasons.add(result.id() + " (" + result.level() + ") is " + result.status().label().toLowerCase(Locale.ROOT)
                        + " (strict mode)" + (result.reason() == null ? "" : ": " + result.reason()));
            }
        }
        long musts = results.stream().filter(r -> "MUST".equals(r.level())).count();
        long mustsPassed = results.stream()
                .filter(r -> "MUST".equals(r.level()) && r.status() == RequirementStatus.PASSED).count();
        if (reasons.isEmpty()) {
            String others = results.stream().filter(r -> "MUST".equals(r.level()) && r.status() != RequirementStatus.PASSED)
                    .collect(Collectors.groupingBy(r -> r.status().label().toLowerCase(Locale.ROOT), LinkedHashMap::new,
                            Collectors.counting()))
                    .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            String headline = strict
                    ? "Every requirement passed (strict mode)."
                    : "Every applicable MUST requirement passed: " + mustsPassed + " of " + musts
                      + (others.isEmpty() ? "" : "; " + others) + ".";
            return new Verdict("pass", strict, headline, List.of());
        }
        long mustFailures = results.stream()
                .filter(r -> "MUST".equals(r.level()) && r.status() == RequirementStatus.FAILED).count();
        String headline = scenarioCount == 0 ? "No scenario ran."
                : mustFailures > 0 ? mustFailures + (mustFailures == 1 ? " MUST requirement" : " MUST requirements") + " failed."
                : reasons.size() + (reasons.size() == 1 ? " requirement" : " requirements") + " not passed (strict mode).";
        return new Verdict("fail", strict, headline, reasons);
    }

    private static Map<String, Integer> counts(List<RequirementResult> results) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RequirementStatus status : RequirementStatus.values()) {
            counts.put(status.code(), (int) results.stream().filter(r -> r.status() == status).count());
        }
        return counts;
    }

    private static List<Area> areas(List<RequirementResult> results) {
        Map<String, List<RequirementResult>> byArea = results.stream()
                .collect(Collectors.groupingBy(RequirementResult::area, LinkedHashMap::new, Collectors.toList()));
        List<Area> areas = new ArrayList<>();
        byArea.forEach((area, members) -> areas.add(new Area(area, members.size(), counts(members))));
        return areas;
    }

    private static List<SentenceTrace> trace(Catalogue catalogue, SeedSentences seed, List<String> warnings) {
        Map<String, SeedSentences.Sentence> sentences = new LinkedHashMap<>();
        seed.sentences().forEach(s -> sentences.put(s.id(), s));
        Set<String> ids = new LinkedHashSet<>(sentences.keySet());
        catalogue.requirements().forEach(r -> ids.addAll(r.sentences()));
        catalogue.context().forEach(c -> ids.add(c.sentence()));

        List<SentenceTrace> traces = new ArrayList<>();
        List<String> untraced = new ArrayList<>();
        for (Iterator<String> it = ids.stream().sorted().iterator(); it.hasNext(); ) {
            String id = it.next();
            SeedSentences.Sentence sentence = sentences.get(id);
            List<String> requirements = catalogue.requirements().stream().filter(r -> r.sentences().contains(id))
                    .map(Catalogue.Requirement::id).toList();
            String context = catalogue.context().stream().filter(c -> id.equals(c.sentence()))
                    .map(Catalogue.Context::reason).findFirst().orElse(null);
            if (requirements.isEmpty() && context == null) {
                untraced.add(id);
            }
            traces.add(new SentenceTrace(id, sentence == null ? null : sentence.section(),
                    sentence == null ? null : sentence.text(), requirements, context));
        }
        if (!untraced.isEmpty()) {
            warnings.add((untraced.size() == 1 ? "seed sentence " : "seed sentences ") + String.join(", ", untraced)
                    + (untraced.size() == 1 ? " is" : " are") + " traced by no requirement and not listed as context");
        }
        return traces;
    }

    private static Compliance.Run runSummary(RunInfo run, CucumberMessages messages, int scenarios) {
        String started = run != null && run.startedAt() != null ? run.startedAt()
                : messages.runStarted() == null ? null : messages.runStarted().toString();
        String finished = run != null && run.finishedAt() != null ? run.finishedAt()
                : messages.runFinished() == null ? null : messages.runFinished().toString();
        Map<String, String> endpoints = new LinkedHashMap<>();
        if (run != null && run.endpoints() != null && run.endpoints().isValueNode()) {
            endpoints.put("all services", run.endpoints().asText());
        } else if (run != null && run.endpoints() != null) {
            run.endpoints().fields().forEachRemaining(e -> endpoints.put(e.getKey(),
                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        }
        List<String> capabilities = run == null || run.capabilities() == null ? null : List.copyOf(run.capabilities());
        String tags = run == null || run.tags() == null || run.tags().isBlank() ? null : run.tags();
        return new Compliance.Run(run == null ? null : run.kit(), run == null ? "unknown" : run.target(), endpoints,
                capabilities, tags, started, finished, duration(started, finished), run != null && Boolean.TRUE.equals(run.strict()),
                messages.implementation(), scenarios);
    }

    private static Double duration(String started, String finished) {
        try {
            if (started == null || finished == null) {
                return null;
            }
            return Duration.between(Instant.parse(started), Instant.parse(finished)).toMillis() / 1000.0;
        } catch (DateTimeParseException unparseable) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
