package dev.vigil.text;

import dev.vigil.internal.PerThread;

/**
 * What the scans of per-code-point normalizers share: their tables, the slow path for special chars,
 * the reporting of outputs, and the per-thread scratch. The tables' arrays are copied into final fields
 * here, so that an inner loop reads them as it would its own.
 */
abstract class CodePointScan extends Scan {
  final ScanTables tables;
  final int[] chars;
  final int[] rows;
  final int denseLimit;
  final SpecialRuns special;
  final HitEmitter emitter;
  final PerThread<ScanScratch> scratch;
  final boolean hasAllow;

  CodePointScan(ScanTables tables, PerThread<ScanScratch> scratch, boolean hasAllow) {
    this.tables = tables;
    this.chars = tables.chars;
    this.rows = tables.rows;
    this.denseLimit = tables.denseLimit;
    this.emitter = new HitEmitter(tables, hasAllow);
    this.special = new SpecialRuns(tables, emitter);
    this.scratch = scratch;
    this.hasAllow = hasAllow;
  }

  /** Whether the char before {@code p} (if any) folds to whitespace. */
  final boolean afterSpace(String text, int p) {
    return p > 0 && (chars[text.charAt(p - 1)] & ScanTables.CharEntry.SPACE) != 0;
  }
}
