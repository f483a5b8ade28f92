package dev.vigil.internal;

import java.util.Arrays;

/**
 * A growable array of {@code int}s, the one Vigil's builders and scanners share (records of hits, the
 * states of a trie under construction, the labels of a host). Appending allocates only when the array
 * doubles, so a buffer kept per thread allocates nothing once it has grown to the largest input seen.
 * Values can be appended in groups of two or three ({@link #add(int, int, int)}): a hit's term, start
 * and end side by side, read back with {@link #get}. Not thread safe; not API.
 */
public final class IntBuffer {
  private int[] values;
  private int size;

  /** An empty buffer with room for 16 values before it grows. */
  public IntBuffer() {
    this(16);
  }

  /** An empty buffer with room for {@code capacity} values before it grows. */
  public IntBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.values = new int[capacity];
  }

  /** Appends {@code v}. */
  public void add(int v) {
    if (size == values.length) {
      grow(1);
    }
    values[size++] = v;
  }

  /** Appends {@code a} then {@code b}. */
  public void add(int a, int b) {
    if (size + 2 > values.length) {
      grow(2);
    }
    values[size] = a;
    values[size + 1] = b;
    size += 2;
  }

  /** Appends {@code a}, {@code b} then {@code c}. */
  public void add(int a, int b, int c) {
    if (size + 3 > values.length) {
      grow(3);
    }
    values[size] = a;
    values[size + 1] = b;
    values[size + 2] = c;
    size += 3;
  }

  private void grow(int more) {
    long wanted = Math.max((long) values.length * 2, (long) size + more);
    if (wanted > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("an int buffer cannot hold " + wanted + " values");
    }
    values = Arrays.copyOf(values, (int) wanted);
  }

  /** The value at {@code index}, which must be below {@link #size()} (not checked beyond the array). */
  public int get(int index) {
    return values[index];
  }

  /** Replaces the value at {@code index}, which must be below {@link #size()}. */
  public void set(int index, int v) {
    values[index] = v;
  }

  /** The number of values appended since the last {@link #clear()}. */
  public int size() {
    return size;
  }

  /** Whether no value was appended since the last {@link #clear()}. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Forgets every value, keeping the array for reuse. */
  public void clear() {
    size = 0;
  }

  /** Keeps the first {@code newSize} values, which must be at most {@link #size()}. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IndexOutOfBoundsException("newSize " + newSize + " outside [0, " + size + "]");
    }
    size = newSize;
  }

  /** Sorts the values in ascending order. */
  public void sort() {
    Arrays.sort(values, 0, size);
  }

  /** A copy of the values, exactly {@link #size()} long. */
  public int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
