package dev.lockscope.trace.export;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks the structure of a Chrome Trace Event JSON file the way its viewers rely on it, and lists every
 * problem found (an empty list: valid). Rules: every {@code B} has its {@code E} on the same pid/tid in stack
 * order, with the same name; {@code B}/{@code E}/{@code X} times never go backwards per pid/tid in file order;
 * every async {@code b} has one {@code e} with the same cat, id and name, and no {@code e} comes without one;
 * every flow {@code s} has one {@code f} with the same id, bound ({@code "bp":"e"}) inside a slice open on its
 * thread, as is the {@code s}; every pid has a {@code process_name}, every thread with events a
 * {@code thread_name}.
 */
final class ChromeTraceCheck {
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Deque<String>> stacks = new HashMap<>();
    private final Map<String, Long> lastTs = new HashMap<>();
    private final Map<String, String> openAsync = new HashMap<>();
    private final Map<Long, String> flowStarts = new HashMap<>();
    private final Set<Long> flowEnds = new HashSet<>();
    private final Set<Long> processNames = new HashSet<>();
    private final Set<String> threadNames = new HashSet<>();
    private final Set<Long> pidsUsed = new HashSet<>();
    private final Set<String> threadsUsed = new HashSet<>();

    static List<String> problems(String json) {
        return new ChromeTraceCheck().check(new ObjectMapper().readTree(json));
    }

    private List<String> check(JsonNode root) {
        JsonNode events = root.path("traceEvents");
        if (!events.isArray()) {
            problems.add("no traceEvents array");
            return problems;
        }
        for (int i = 0; i < events.size(); i++) {
            event(i, events.get(i));
        }
        stacks.forEach((thread, stack) -> {
            if (!stack.isEmpty()) {
                problems.add(thread + ": B without E: " + stack);
            }
        });
        openAsync.forEach((key, name) -> problems.add("async b without e: " + key + " " + name));
        flowStarts.keySet().stream().filter(id -> !flowEnds.contains(id)).forEach(id -> problems.add("flow s without f: " + id));
        pidsUsed.stream().filter(p -> !processNames.contains(p)).forEach(p -> problems.add("pid " + p + " has no process_name"));
        threadsUsed.stream().filter(t -> !threadNames.contains(t)).forEach(t -> problems.add(t + " has no thread_name"));
        return problems;
    }

    private void event(int index, JsonNode e) {
        String ph = e.path("ph").asString("");
        String name = e.path("name").asString("");
        long pid = e.path("pid").asLong(-1);
        String thread = "pid " + pid + " tid " + e.path("tid").asLong(-1);
        String at = "event " + index + " (" + ph + " " + name + " on " + thread + ")";
        if (ph.equals("M")) {
            metadata(e, name, pid, thread, at);
            return;
        }
        if (!e.path("ts").isNumber()) {
            problems.add(at + ": ts is not a number");
            return;
        }
        long ts = Math.round(e.path("ts").asDouble() * 1000); // ns, exact for three decimals
        pidsUsed.add(pid);
        switch (ph) {
            case "B", "E", "X" -> {
                threadsUsed.add(thread);
                Long last = lastTs.put(thread, ts);
                if (last != null && ts < last) {
                    problems.add(at + ": time goes back from " + last + " to " + ts + " ns");
                }
                Deque<String> stack = stacks.computeIfAbsent(thread, t -> new ArrayDeque<>());
                if (ph.equals("B")) {
                    stack.push(name);
                } else if (ph.equals("E")) {
                    if (stack.isEmpty()) {
                        problems.add(at + ": E without an open B");
                    } else if (!stack.peek().equals(name)) {
                        problems.add(at + ": E closes \"" + name + "\" but the innermost open slice is \"" + stack.peek() + "\"");
                        stack.pop();
                    } else {
                        stack.pop();
                    }
                }
            }
            case "b", "e" -> {
                String key = e.path("cat").asString("") + "/" + e.path("id").asString("");
                if (ph.equals("b")) {
                    if (openAsync.put(key, name) != null) {
                        problems.add(at + ": async id " + key + " begun twice");
                    }
                } else {
                    String begun = openAsync.remove(key);
                    if (begun == null) {
                        problems.add(at + ": async e without b: " + key);
                    } else if (!begun.equals(name)) {
                        problems.add(at + ": async e named \"" + name + "\" ends \"" + begun + "\"");
                    }
                }
            }
            case "s", "f" -> {
                threadsUsed.add(thread);
                long id = e.path("id").asLong();
                if (stacks.getOrDefault(thread, new ArrayDeque<>()).isEmpty()) {
                    problems.add(at + ": flow " + id + " is not inside a slice of its thread");
                }
                if (ph.equals("s")) {
                    if (flowStarts.put(id, thread) != null) {
                        problems.add(at + ": flow id " + id + " started twice");
                    }
                } else {
                    if (!flowStarts.containsKey(id)) {
                        problems.add(at + ": flow f without s: " + id);
                    }
                    if (!flowEnds.add(id)) {
                        problems.add(at + ": flow id " + id + " ended twice");
                    }
                    if (!e.path("bp").asString("").equals("e")) {
                        problems.add(at + ": flow f not bound to its enclosing slice (bp)");
                    }
                }
            }
            case "C" -> {
                threadsUsed.add(thread);
                e.path("args").properties().forEach(p -> {
                    if (!p.getValue().isNumber()) {
                        problems.add(at + ": counter " + p.getKey() + " is not a number");
                    }
                });
            }
            case "i" -> {
                if (!Set.of("g", "p", "t").contains(e.path("s").asString(""))) {
                    problems.add(at + ": instant scope is not g, p or t");
                }
            }
            default -> problems.add(at + ": unexpected phase");
        }
    }

    private void metadata(JsonNode e, String name, long pid, String thread, String at) {
        String value = e.path("args").path("name").asString("");
        switch (name) {
            case "process_name" -> {
                if (!value.isEmpty()) {
                    processNames.add(pid);
                }
            }
            case "thread_name" -> {
                if (!value.isEmpty()) {
                    threadNames.add(thread);
                }
            }
            case "process_sort_index", "thread_sort_index" -> {
                if (!e.path("args").path("sort_index").isNumber()) {
                    problems.add(at + ": sort_index is not a number");
                }
            }
            default -> problems.add(at + ": unexpected metadata");
        }
    }
}
