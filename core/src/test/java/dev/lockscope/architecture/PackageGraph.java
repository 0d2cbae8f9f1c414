package dev.lockscope.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dependencies between the packages of a tree of compiled classes, read from each class file's constant pool:
 * the classes it refers to and the types named in its descriptors and generic signatures (fields, parameters,
 * results, type arguments), restricted to packages under one prefix. Package names are given without the prefix.
 */
final class PackageGraph {
    private final Map<String, Set<String>> edges = new TreeMap<>();

    private PackageGraph() {}

    /** Reads every {@code .class} file under {@code classes} whose package starts with {@code prefix}. */
    static PackageGraph read(Path classes, String prefix) {
        PackageGraph graph = new PackageGraph();
        String internalPrefix = prefix.replace('.', '/') + "/";
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
                String from = packageOf(model.thisClass().asInternalName(), internalPrefix);
                if (from == null) {
                    continue;
                }
                graph.edges.computeIfAbsent(from, k -> new TreeSet<>());
                for (PoolEntry entry : model.constantPool()) {
                    List<String> named = switch (entry) {
                        case ClassEntry c -> List.of(c.asInternalName());
                        // Field and method types live only in descriptor and signature strings.
                        case Utf8Entry u -> typesIn(u.stringValue());
                        default -> List.of();
                    };
                    for (String name : named) {
                        String to = packageOf(name, internalPrefix);
                        if (to != null && !to.equals(from)) {
                            graph.edges.get(from).add(to);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

    private static List<String> typesIn(String descriptorOrSignature) {
        List<String> names = new ArrayList<>();
        Matcher m = TYPE_IN_DESCRIPTOR.matcher(descriptorOrSignature);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String packageOf(String internalName, String internalPrefix) {
        String name = internalName.startsWith("[") ? internalName.replaceFirst("^\\[+L?", "") : internalName;
        if (!name.startsWith(internalPrefix)) {
            return null;
        }
        int slash = name.lastIndexOf('/');
        return slash < internalPrefix.length() ? "" : name.substring(internalPrefix.length(), slash).replace('/', '.');
    }

    /** Every package, and for each the packages it uses, sorted. */
    Map<String, Set<String>> edges() {
        return edges;
    }

    /** The packages {@code pkg} uses. */
    Set<String> uses(String pkg) {
        return edges.getOrDefault(pkg, Set.of());
    }

    /**
     * The strongly connected components with more than one package (Tarjan), each as one cycle through its
     * members in dependency order, e.g. {@code [a, b, c, a]}.
     */
    List<List<String>> cycles() {
        List<List<String>> result = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, index, low, stack, onStack, result);
            }
        }
        return result;
    }

    private void strongConnect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                               Set<String> onStack, List<List<String>> result) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : uses(v)) {
            if (!index.containsKey(w)) {
                strongConnect(w, index, low, stack, onStack, result);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                result.add(cycleThrough(component));
            }
        }
    }

    /** A shortest path from the component's first package back to itself, inside the component. */
    private List<String> cycleThrough(Set<String> component) {
        String start = component.iterator().next();
        Map<String, String> previous = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String v = queue.poll();
            for (String w : uses(v)) {
                if (!component.contains(w)) {
                    continue;
                }
                if (w.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String p = v; !p.equals(start); p = previous.get(p)) {
                        path.addFirst(p);
                    }
                    path.addFirst(start);
                    path.add(start);
                    return path;
                }
                if (!previous.containsKey(w)) {
                    previous.put(w, v);
                    queue.add(w);
                }
            }
        }
        return List.copyOf(component);
    }
}
