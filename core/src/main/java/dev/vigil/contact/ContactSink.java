package dev.vigil.contact;

/** Receives the contacts a scanner finds, in text order. Not API. */
interface ContactSink {
  /** Takes a contact; returns false to stop the scan. */
  boolean accept(Contact contact);
}
