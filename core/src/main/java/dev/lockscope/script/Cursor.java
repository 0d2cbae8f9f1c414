package dev.lockscope.script;

import java.util.List;

/** Where a {@code range} over a slice is: the slice as it was when the loop started, and the next index. */
final class Cursor {
    final List<?> list;
    int next;

    Cursor(List<?> list) {
        this.list = List.copyOf(list);
    }
}
