package org.ticketpipeline.classifier.sorting;

import java.util.regex.Pattern;

/**
 * Removes personal data from a ticket's words before they are quoted: e-mail addresses, phone
 * numbers, card and account numbers, and names given in greetings and signatures.
 */
public final class Redactor {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b");
    private static final Pattern ACCOUNT = Pattern.compile("(?i)\\b(account|acct|a/c)( (no|number|#))?( is)?[ .:#]*\\d{5,}\\b");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w.])\\+?\\(?\\d{1,4}\\)?(?:[ .-]?\\(?\\d{2,4}\\)?){2,4}(?!\\w|\\.\\d)");
    /**
     * A capitalised name of one or two words, in any alphabet's letters ("José", "Zoë", "Jean-Luc
     * Émile"); it ends where letters end, not at {@code \b}, which stops inside "José" on some JDKs.
     */
    private static final String NAME = "(\\p{Lu}[\\p{Ll}\\p{M}]+(?:-\\p{Lu}[\\p{Ll}\\p{M}]+)?(?: \\p{Lu}[\\p{Ll}\\p{M}]+(?:-\\p{Lu}[\\p{Ll}\\p{M}]+)?)?)"
            + "(?![\\p{L}\\p{M}])";
    private static final String SIGN_OFF_WORDS = "(?i:thanks|thank you|many thanks|regards|best regards|kind regards|cheers|best|sincerely)";
    private static final Pattern GREETING = Pattern.compile("\\b((?i:hi|hello|hey|dear))((?i: there))?,? " + NAME);
    /** A sign-off that ends the text: "... it fails. Thanks, Ana". */
    private static final Pattern SIGN_OFF = Pattern.compile("\\b(" + SIGN_OFF_WORDS + ")([,!.]?\\s+)(-\\s*)?" + NAME + "\\s*$");
    /**
     * A sign-off that starts a line, with the name on it or on a line of its own after it (a blank line
     * between them too), then anything (a company, a phone number): "Kind regards," then "Ana Lopez",
     * then "Acme Ltd".
     */
    private static final Pattern SIGN_OFF_LINE = Pattern.compile("(?m)^([ \\t]*" + SIGN_OFF_WORDS + ")([,!.]?(?:[ \\t]+|[ \\t]*(?:\\R[ \\t]*){1,2}))"
            + "(-[ \\t]*)?" + NAME + "[ \\t]*$");
    private static final Pattern MY_NAME = Pattern.compile("\\b((?i:my name is|this is|i am|i'm)) " + NAME);

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = EMAIL.matcher(text).replaceAll("[email]");
        out = IBAN.matcher(out).replaceAll("[account]");
        out = ACCOUNT.matcher(out).replaceAll("$1 [account]");
        out = CARD.matcher(out).replaceAll("[card]");
        out = PHONE.matcher(out).replaceAll(m -> m.group().replaceAll("\\D", "").length() >= 9 ? "[phone]" : m.group());
        out = GREETING.matcher(out).replaceAll(m -> m.group(1) + (m.group(2) == null ? "" : m.group(2)) + " [name]");
        out = SIGN_OFF_LINE.matcher(out).replaceAll("$1$2[name]");
        out = SIGN_OFF.matcher(out.stripTrailing()).replaceAll("$1$2[name]");
        out = MY_NAME.matcher(out).replaceAll("$1 [name]");
        return out;
    }
}
