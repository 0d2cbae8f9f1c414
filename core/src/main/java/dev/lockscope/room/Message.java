package dev.lockscope.room;

/** A broadcast message: its id (broadcasts are numbered from 1 in start order) and when its broadcast began. */
record Message(long id, long createdNs) {}
