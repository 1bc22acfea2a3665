package io.github.nmf4j.io;

import java.util.List;

/**
 * Values that real files hold where a number belongs and whose {@code #} would otherwise start
 * a comment ({@link Csv}), so that a row would be dropped or a value read short without a word:
 * a spreadsheet's error values ({@code #N/A}, {@code #DIV/0!}, ...) and the infinities and NaN
 * of Microsoft's C library before Visual Studio 2015 ({@code 1.#INF00}, {@code -1.#IND00}).
 */
final class HashValues {

  /** The error values a spreadsheet writes in place of a formula's result. */
  private static final String[] SPREADSHEET_ERRORS = {"#N/A", "#DIV/0!", "#VALUE!", "#REF!",
      "#NAME?", "#NUM!", "#NULL!"};

  private HashValues() {}

  /**
   * Refuses {@code line} (number {@code lineNo} of the file {@code name}) when its comment, at
   * {@code comment}, is one of these values; {@code content} is the text before the comment,
   * stripped, and {@code delimiter} the file's (0 while not yet known).
   *
   * @throws FileFormatException naming the value, its line and column, and what to write
   */
  static void refuse(String line, int comment, String content, char delimiter, String name,
      int lineNo) throws FileFormatException {
    String error = spreadsheetError(line, comment, content, delimiter);
    String oldC = error == null ? oldMicrosoftNonFinite(line, comment, content) : null;
    if (error == null && oldC == null) {
      refuseHashField(line, comment, delimiter, name, lineNo);
      return;
    }
    char d = delimiter != 0 || content.isEmpty() ? delimiter : Csv.delimiter(content);
    String before = line.substring(0, comment);
    // a spreadsheet error is the field after the text before the '#', 1.#INF its last one
    int column = content.isEmpty() ? 1
        : d != Csv.WHITESPACE ? Csv.split(before, d, name, lineNo).size()
        : Csv.splitWhiteSpace(before, name, lineNo).size() + (error != null ? 1 : 0);
    String where = " at line " + lineNo + ", column " + column;
    throw new FileFormatException(name + ": " + (error != null
        ? error + where + " is a spreadsheet's error value, not a number (its # would"
            + " start a comment); fix the formula, or write a missing value as nan"
        : oldC + where + " is how old Microsoft C libraries write infinity or NaN (its #"
            + " would start a comment); write inf, -inf or nan"));
  }

  /**
   * Refuses a field of a data line that starts with the {@code #} of {@code line} at {@code
   * comment} ({@code #NA}, {@code #missing}), which would otherwise be read as an empty field
   * and reported as one: the {@code #} directly follows a comma, semicolon or tab of a file
   * delimited by one, text follows it, and the field before it is a number (so a header's
   * {@code gene,#reads} and R's row names are left to the usual checks). A comment after white
   * space, or a {@code #} followed by white space, stays a comment.
   */
  private static void refuseHashField(String line, int comment, char delimiter, String name,
      int lineNo) throws FileFormatException {
    if (comment == 0 || comment + 1 >= line.length() || ",;\t".indexOf(line.charAt(comment - 1))
        < 0 || Character.isWhitespace(line.charAt(comment + 1))) {
      return;
    }
    String before = line.substring(0, comment);
    char d = delimiter != 0 ? delimiter : Csv.delimiter(before);
    if (d == Csv.WHITESPACE || d != line.charAt(comment - 1)) {
      return;
    }
    List<String> fields = Csv.split(before, d, name, lineNo);
    if (fields.size() < 2 || Csv.value(fields.get(fields.size() - 2), d) == null) {
      return;
    }
    int end = comment + 1;
    while (end < line.length() && ",;\t\" ".indexOf(line.charAt(end)) < 0) {
      end++;
    }
    throw new FileFormatException(name + ": " + line.substring(comment, end) + " at line "
        + lineNo + ", column " + fields.size() + " is not a number (its # would start a"
        + " comment); write a missing value as nan");
  }

  /**
   * The spreadsheet error value ({@code #N/A}, {@code #DIV/0!}, ...) that the comment of
   * {@code line} at {@code comment} is, a whole field, or null: the {@code #} starts the line's
   * content or follows a delimiter ({@code content} is the text before it, stripped), and the
   * value ends the line or is followed by a delimiter or white space.
   */
  private static String spreadsheetError(String line, int comment, String content,
      char delimiter) {
    if (comment == line.length()) {
      return null;
    }
    boolean fieldStart = content.isEmpty()
        || ",;\t".indexOf(content.charAt(content.length() - 1)) >= 0
        || delimiter == Csv.WHITESPACE && Character.isWhitespace(line.charAt(comment - 1));
    for (String e : SPREADSHEET_ERRORS) {
      int end = comment + e.length();
      if (fieldStart && line.startsWith(e, comment)
          && (end == line.length() || ",;\t\" ".indexOf(line.charAt(end)) >= 0)) {
        return e;
      }
    }
    return null;
  }

  /**
   * The infinity or NaN of Microsoft's C library before Visual Studio 2015 ({@code 1.#INF00},
   * {@code -1.#IND00}, {@code 1.#QNAN0}) whose {@code #} is the comment of {@code line} at
   * {@code comment}, or null: {@code content} (the text before it, stripped) ends with a field
   * {@code 1.} or {@code -1.}, and {@code INF}, {@code IND}, {@code QNAN} or {@code SNAN}
   * follows the {@code #}.
   */
  private static String oldMicrosoftNonFinite(String line, int comment, String content) {
    int start = content.length() - 2;
    if (comment == line.length() || !content.endsWith("1.")) {
      return null;
    }
    if (start > 0 && "+-".indexOf(content.charAt(start - 1)) >= 0) {
      start--;
    }
    if (start > 0 && ",;\t \"".indexOf(content.charAt(start - 1)) < 0) {
      return null;
    }
    for (String word : new String[] {"INF", "IND", "QNAN", "SNAN"}) {
      if (line.startsWith(word, comment + 1)) {
        int end = comment + 1 + word.length();
        while (end < line.length() && Character.isLetterOrDigit(line.charAt(end))) {
          end++;
        }
        return content.substring(start) + line.substring(comment, end);
      }
    }
    return null;
  }
}
