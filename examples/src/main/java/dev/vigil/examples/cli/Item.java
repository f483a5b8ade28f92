package dev.vigil.examples.cli;

import dev.vigil.Content;

/**
 * One input item: its id (the line number for plain text, or the JSON {@code id}) and its content.
 *
 * @param id a {@link Long} or a {@link String}
 * @param content the content
 */
record Item(Object id, Content content) {}
