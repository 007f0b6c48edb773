package org.ticketpipeline.classifier.sorting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from a ticket's words before they are quoted: e-mail addresses, phone
 * numbers, card and account numbers, and names given in greetings, introductions and signatures.
 * Regular expressions rather than a named-entity model: what must go is said in a handful of set
 * ways (a greeting, a sign-off, "account number"), a model would run on every ticket, and none that
 * ships as a Maven artifact was at hand. A name elsewhere in a sentence ("please call Maria", "Laura
 * sorted it out") is found when it is a known first name ({@code sorter/first-names.txt}: popular
 * first names that are not also English words, months, places or products), with the capitalised word
 * after it as the surname; a name outside that list, there, is not.
 */
public final class Redactor {

    private static final Pattern EMAIL = Pattern.compile("(?U)(?<![\\w.+-])[\\w.+-]++(?:['’][\\w.+-]++)*@[\\w-]++(\\.[\\w-]++)+");
    /** "jane(at)example.com", "jane at example dot com": written so that a machine will not read it, for a person to. */
    private static final Pattern EMAIL_SPELLED = Pattern.compile("(?iU)(?<![\\w.+-])[\\w.+-]++ ?(?:(?:\\(at\\)|\\[at\\]) ?[\\w-]++"
            + "(?:(?:\\.| ?\\(dot\\) ?| ?\\[dot\\] ?| dot )[\\w-]++)+| at [\\w-]++(?: dot [\\w-]++)* dot (?:com|org|net|edu|gov|io|info|biz|me|de|fr|uk|es|nl|it|ch|ca|co|be|au|at|se|no|dk|fi|pl|pt|br|in|jp|ie|nz|us)\\b)");
    /**
     * "jane @ example.com", "jane.doe at example.com": an address written apart, by a person or a phone's
     * keyboard. "at" only after a name with a dot, a digit or an underscore in it, so "look at example.com" stays.
     */
    private static final Pattern EMAIL_APART = Pattern.compile("(?iU)(?<![\\w.+-])(?:[\\w.+-]++ @ |(?=[\\w.+-]*[._\\d])[\\w.+-]++ at )"
            // a domain's letters (no "_"), not a file a stack trace names ("onPointerOver @ backend.js:9445")
            + "[\\p{Alnum}-]++(?:\\.[\\p{Alnum}-]++)*\\.(?!(?:js|jsx|ts|tsx|py|java|kt|go|rb|rs|cs|cpp|cc|h|hpp|c|css|scss|html|php|json|"
            + "xml|ya?ml|md|txt|log|sh|lua|swift|dart|vue|mjs|cjs|so|dll|exe|jar)\\b)[a-z]{2,}(?![\\w-]|:\\d)");
    private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b");
    /**
     * An IBAN in small letters or with dashes ("de89 3704 ...", "DE89-3704-..."), as a chat or a form writes
     * it: such a shape is also a licence key or a request id, so only one whose check digits hold is taken.
     */
    private static final Pattern IBAN_ANY_CASE = Pattern.compile("(?i)\\b[a-z]{2}\\d{2}(?:[ -]?[a-z0-9]{4}){2,7}(?:[ -]?[a-z0-9]{1,4})?\\b");
    /** An IBAN typed in one go, in any case: two letters, two digits, then 11 to 30 letters and digits, mostly digits. */
    private static final Pattern IBAN_COMPACT = Pattern.compile("(?i)\\b[a-z]{2}\\d{2}(?=(?:[a-z]*\\d){8})[a-z0-9]{11,30}\\b");
    private static final Pattern ACCOUNT = Pattern.compile("(?i)\\b((?:account|acct|acc(?=\\.? ?(?:no|nr|number|num|#))|a/c|customer|client|member|policy|contract|membership)"
            + "(?: (?:no|nr|number|num|id|#))?\\.?(?: is)?)[ .:#,]*(?!q[1-4][-/ ]?(?:19|20)\\d\\d\\b)(?:(?!v\\d)[a-z]{1,6}-?)?"
            // a year or a span of years ("FY2023-2024") is a period, not an account
            + "(?!(?:19|20)\\d\\d ?[-/] ?(?:19|20)?\\d\\d\\b)\\d[\\d -]{3,}\\d\\b");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w.:/-])\\+?\\(?\\d{1,4}\\)?(?:(?:[ -]| ?/ ?)?\\(?\\d{2,4}\\)?){2,4}(?![\\w.:/-]?\\w)");
    /**
     * A number written the international way, "+" and a country code, then groups of one to four digits:
     * "+33 6 12 34 56 78", whose one-digit group the pattern above does not take. The "+" says phone.
     */
    private static final Pattern PHONE_INTERNATIONAL = Pattern.compile("(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){3,7}(?![\\w.:/-]?\\w)");
    /** "555.123.4567": dots as a phone's separators, in the one shape that is not a version or an address. */
    private static final Pattern PHONE_DOTTED = Pattern.compile("(?<![\\w.])\\d{3}\\.\\d{3}\\.\\d{4}(?![\\w.]?\\w)");
    /**
     * "06.12.34.56.78", "0475.12.34.56": how French, Belgian and Swiss customers write a number, dots between
     * groups after a leading 0 (a version or an address does not start "0" and a digit); nine digits at least,
     * so a date ("01.02.2024") stays.
     */
    private static final Pattern PHONE_DOTTED_TRUNK = Pattern.compile("(?<![\\w.])0\\d{1,4}(?:\\.\\d{2,4}){2,4}(?![\\w.]?\\w)");
    /** The shape a number of North America is written in without its "+1" or "(": 555 123 4567, 1 800 555 0199. */
    private static final Pattern NANP_GROUPS = Pattern.compile("(?:1 )?\\d{3} \\d{3} \\d{4}");
    /** A number with a bracket on either side and nothing more: "(3221225477)", an exit code, not an area code before a number. */
    private static final Pattern IN_BRACKETS_ALONE = Pattern.compile("\\(\\d+\\)");
    /** A North American number in one run: area code and exchange each starting 2 to 9, "1" before them or not. */
    private static final Pattern NANP_RUN = Pattern.compile("1?[2-9]\\d\\d[2-9]\\d{6}");
    /** A date with or without a time (2024-11-02 10:15), or a number a year starts (invoice 2024-000123): not a phone. */
    private static final Pattern DATE_OR_YEAR_FIRST = Pattern.compile("(19|20)\\d\\d[-/].*");

    /** A title a name may carry before it. */
    private static final String TITLE = "(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Sr|Sra)\\.? )?";
    /** One capitalised word of a name, in any alphabet's letters ("José", "Zoë", "O'Brien", "McDonald", "Jean-Luc"). */
    private static final String NAME_WORD = "\\p{Lu}(?:[\\p{L}\\p{M}]{1,40}+|(?=['’]\\p{Lu}))(?:['’-]\\p{Lu}?[\\p{L}\\p{M}]{1,40}+){0,3}";
    /**
     * A name of one to three words, with its title, particles ("del", "van") and an initial ("Maria G."); it
     * ends where letters end, not at {@code \b}, which stops inside "José" on some JDKs.
     */
    private static final String NAME_CORE = TITLE + "(?:\\p{Lu}\\. )?" + NAME_WORD + "(?: (?:(?:de|del|de la|van|von|der|da|di|du|la|le|bin|al|Ó|Ní|Ó') )?"
            + "(?:" + NAME_WORD + "|\\p{Lu}\\.)){0,2}";
    private static final String NAME = "(" + NAME_CORE + ")(?![\\p{L}\\p{M}])";
    private static final String SIGN_OFF_WORDS = "(?i:thanks(?: again| in advance| a lot)?|thank you(?: in advance)?|many thanks|thx|ty|"
            + "(?:best |kind |warm |warmest |many )?regards|cheers|best wishes|best(?=,|[ \\t]*\\R)|all the best|sincerely|yours(?: sincerely| truly| faithfully)?|br)";
    /** Words after a greeting that are not a name: "Hi team", "Hello all". */
    private static final String NOT_A_NAME = "(?i:team|all|everyone|everybody|there|support|folks|guys|sir|madam|sir or madam|again|"
            + "anyway|mate|buddy|pal|friend|heaps|much|so|for|you|the|world)";
    /** The words a greeting starts with, as a regular expression's alternatives. */
    private static final String GREETING_WORDS = "hiya|hi|hello|hey|howdy|dear|good morning|good afternoon|good evening|good day|"
            + "hola|bonjour|hallo|hej|ciao|salut";
    private static final Pattern GREETING = Pattern.compile("\\b((?i:" + GREETING_WORDS + "|(?<=^|\\n)morning|greetings)"
            + "(?: again)?)((?i: there))?(,?) (?!" + NOT_A_NAME + "(?![\\p{L}\\p{M}]))" + NAME + "((?: (?i:and|&) " + NAME + ")?)");
    /** A name written with its title: "Dr. Smith". */
    private static final Pattern TITLED = Pattern.compile("(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\\.? ");
    /** What follows a name that stands alone: "Hi, Kwame," "Hi, Kwame!" or the line's end, not the rest of a sentence. */
    private static final Pattern STANDS_ALONE = Pattern.compile("[ \\t]*(?:[,!.:;?…()–—-]|\\R|$)");
    /** A greeting in small letters: "hi maria," (the comma says the word is who is greeted). */
    private static final Pattern GREETING_SMALL = Pattern.compile("(?i)\\b(hi|hello|hey|dear)(?: again)? (?!" + NOT_A_NAME + "(?![\\p{L}\\p{M}]))"
            + "(\\p{Ll}[\\p{Ll}\\p{M}]+)(,|(?=[!.]|\\s|$))");
    /** The line a mail app writes above the message a reply quotes. */
    private static final String QUOTED_REPLY = "(?:(?i:on)\\b[^\\n]{3,120}?(?i:wrote):|-{2,}\\s*(?i:original message)|(?i:from):[ \\t])";
    /** Words a ticket ends with after its thanks that say how it went, not who wrote it: "Thank you, solved.", "Thanks, Done!". */
    private static final Set<String> HOW_IT_WENT = Set.of("solved", "resolved", "fixed", "sorted", "done", "works", "worked", "working",
            "closed", "received", "noted", "confirmed", "understood", "appreciated", "great", "perfect", "awesome", "brilliant", "cool",
            "bye", "goodbye", "ok", "okay", "np", "tia", "regards", "cheers");
    /** A sign-off that ends the text: "... it fails. Thanks, Ana.", "Thanks Priya!", "cheers, jon". */
    private static final Pattern SIGN_OFF = Pattern.compile("\\b(" + SIGN_OFF_WORDS + ")([,!.]?\\s+)(-\\s*)?(?!" + NOT_A_NAME + "(?![\\p{L}\\p{M}]))("
            + NAME_CORE + "|\\p{Ll}[\\p{Ll}\\p{M}]+)(?![\\p{L}\\p{M}])[.!]*+(?:\\s*+(?::-?\\)|:-?D|;-?\\)))?+"
            // a mail app's own last line after it, kept: "Sent from my iPhone", "Get Outlook for Android"; or the reply it
            // answers, quoted below it ("On Mon, 3 Mar 2025, Acme Support wrote:", "-----Original Message-----", "From: ...")
            + "(\\s*+(?:(?i:sent from my|sent from|get outlook for)[^\\n]*+|" + QUOTED_REPLY + "[\\s\\S]*+))?\\s*$");
    /** The group of the mail app's last line: the pattern's last. */
    private static final int SIGN_OFF_FOOTER = SIGN_OFF.matcher("").groupCount();
    /** The group of the name after the sign-off. */
    private static final int SIGN_OFF_NAME = 4;
    /**
     * A sign-off that starts a line, with the name on it or on a line of its own after it (a blank line
     * between them too), then anything (a company, a phone number): "Kind regards," then "Ana Lopez",
     * then "Acme Ltd"; a role after a comma ("Maria Gonzalez, CFO") stays.
     */
    private static final Pattern SIGN_OFF_LINE = Pattern.compile("(?m)^([ \\t]*" + SIGN_OFF_WORDS + ")([,!.]?(?:[ \\t]+|[ \\t]*(?:\\R[ \\t]*){1,2}))"
            + "(-[ \\t]*)?" + NAME + "(?=[ \\t]*(?:$|,|\\(|\\||[–—]|- |<|\\[(?:email|phone)\\]))");
    /** A sign-off that ends a line, wherever it starts, and the name alone on the next: "it still fails, thanks!" then "Priya". */
    private static final Pattern SIGN_OFF_THEN_NAME_LINE = Pattern.compile("(?m)\\b(" + SIGN_OFF_WORDS + ")([,!.]?[ \\t]*\\R[ \\t]*)" + NAME + "[ \\t]*$");
    /**
     * A line ended by a comma or "!", and a name alone on the next line: "Thanks for your help," "Have a nice
     * day," "Again, thanks for your help," "I look forward to hearing from you," then "Kwame". Whether the
     * line is a closing one is judged on its last clause ({@link #CLOSING_CUE}): "Thanks for the update, I
     * tried again!" then "Now It Works" is no sign-off.
     */
    private static final Pattern LINE_THEN_NAME = Pattern.compile("(?m)^([^\\n]{0,200}?)([,!]++[ \\t]*\\R[ \\t]*)" + NAME + "[ \\t]*$");
    /** Words a closing clause has. */
    private static final Pattern CLOSING_CUE = Pattern.compile("(?i)\\b(?:thank\\w*|regards|wishes|cheers|have a (?:nice|good|great|lovely) "
            + "(?:day|week|weekend|one)|hearing from you|hear from you|appreciat\\w*|your help|take care|speak soon|talk soon|all the best|"
            + "looking forward|best)\\b");
    /** Who wrote the message a reply quotes: "On Mon, 3 Mar 2025 at 10:15, Kwame Mensah <kwame@acme.com> wrote:". */
    private static final Pattern REPLY_HEADER = Pattern.compile("(?m)^([ \\t>]*(?i:on)\\b[^\\n\\d]{0,40}\\d[^\\n]{0,80}?,[ \\t]*)" + NAME
            + "(?=[ \\t]*(?:<[^>\\n]*>|\\[email\\])?[ \\t]*\\R?[ \\t]*(?i:wrote):)");
    /** A sign-off of more than one word in the middle of a line, then a name and the line's end, a company or a bracket. */
    private static final Pattern SIGN_OFF_MID_LINE = Pattern.compile("(?m)\\b((?i:best regards|kind regards|warm regards|many thanks|thanks in advance|"
            + "best wishes|yours sincerely|yours truly|yours faithfully))([,.]?[ \\t]+)" + NAME + "(?=[ \\t]*(?:$|\\(|,))");
    /** A signature after the usual delimiter: "--" or a dash, then the name. */
    private static final Pattern SIGNATURE = Pattern.compile("(?m)^([ \\t]*(?:--|—|–)[ \\t]*(?:\\R[ \\t]*)?)" + NAME + "[ \\t]*$");
    /** "My name is Tom", "my name's Tom"; "this is", "I am" and "I'm" only before what an introduction goes on with. */
    private static final Pattern MY_NAME = Pattern.compile("\\b((?i:my name is|my name['’]s)) " + NAME);
    /** "Customer: Anna Müller", "From: Maria Gonzalez <maria@acme.com>": a form's label, and the name alone after it ("Client: Outlook 2019" is none). */
    private static final Pattern NAME_LABEL = Pattern.compile("\\b((?i:name:|customer:|client:|contact:|from:)) ?(?!(?i:the|this|that|these|"
            + "those|a|an|my|our|your|their|it|we|i)\\b)(?>" + NAME + ")(?![ \\t]*\\d)");
    private static final Pattern INTRODUCTION = Pattern.compile("\\b((?i:this is|i am|i['’]m)) " + NAME
            + "(?=,| from | at | of | with | and | here\\b|[.!?]?\\s*$|[.!?]\\s|\\R)");
    /** "Hi, it's Kwame from Acme", "it's Maria here": "it's" introduces only before what an introduction goes on with. */
    private static final Pattern ITS_NAME = Pattern.compile("\\b((?i:it['’]s)) " + NAME + "(?=,? from |,? here\\b)");
    /** "Phone:07700900123", "tel:+44 20 7946 0958": a label and a number with no space between, which the phone patterns do not start after. */
    private static final Pattern PHONE_AFTER_LABEL = Pattern.compile("(?i)\\b((?:phone|telephone|tel|mobile|cell|fax|whatsapp|ph)(?: ?(?:no|nr|number))?\\.?:)"
            + "(\\+?\\(?\\d[\\d ()./-]{6,}\\d)(?!\\w)");
    /**
     * A name alone on the message's last line, after a line that ends a sentence or a blank line: "Please
     * help!" then "Kwame", "Please advise." then "Kwame Mensah". A signature with no sign-off word before it.
     */
    private static final Pattern LAST_LINE_NAME = Pattern.compile("[ \\t]*" + NAME + "[ \\t]*[.!]?[ \\t]*");
    /** A sign-off ending a line in the middle of a message, then its name, then more lines: "It fails. Thanks, Kwame" then "Acme Ltd". */
    private static final Pattern SIGN_OFF_LINE_END = Pattern.compile("(?m)\\b(" + SIGN_OFF_WORDS + ")([,!.]?[ \\t]+)(-[ \\t]*)?(?!" + NOT_A_NAME
            + "(?![\\p{L}\\p{M}]))" + NAME + "[ \\t]*[.!]?[ \\t]*(?=\\R[ \\t]*[\\p{L}\\d])");
    /** A word as a name in small letters may be written ("jan", "kowalski", "o'brien"). */
    private static final String SMALL_WORD = "(\\p{Ll}[\\p{Ll}\\p{M}]++(?:['’-]\\p{Ll}[\\p{Ll}\\p{M}]++)?)(?![\\p{L}\\p{M}\\d_@/])";
    /** "my name is jan kowalski", "my name is Jan kowalski": one or two words after it, unless they say something else. */
    private static final Pattern MY_NAME_SMALL = Pattern.compile("\\b((?i:my name is|my name['’]s)) " + SMALL_WORD.replace("\\p{Ll}[", "\\p{L}[")
            + "(?: " + SMALL_WORD + ")?");
    /** "hi, this is jan kowalski from acme", "i'm jan here": before what an introduction goes on with. */
    private static final Pattern INTRODUCTION_SMALL = Pattern.compile("\\b((?i:this is|i am|i'm|i’m)) " + SMALL_WORD + "(?: " + SMALL_WORD + ")?"
            + "(?=,? (?:from|here)\\b)");
    /** A greeting just before: "hi, " before "this is jan kowalski from acme" says an introduction follows. */
    private static final Pattern AFTER_GREETING = Pattern.compile("(?i)\\b(?:" + GREETING_WORDS + ")[,!.]?\\s*$");

    /**
     * Words that follow "my name is" or "this is" and are no name: "my name is missing from the invoice",
     * "my name is spelled wrong", "this is very slow from the start".
     */
    private static final Set<String> NOT_NAME_WORDS = Set.of("not", "missing", "wrong", "spelled", "spelt", "shown", "showing", "incorrect",
            "on", "in", "listed", "the", "still", "being", "displayed", "correct", "also", "and", "from", "at", "of", "with", "i", "but",
            "here", "my", "we", "it", "is", "was", "a", "an", "to", "for", "that", "this", "changed", "appears", "gone", "blank", "empty",
            "written", "different", "same", "now", "there", "so", "which", "who", "please", "as", "by", "or", "if", "when", "because",
            "you", "your", "our", "their", "has", "have", "had", "does", "did", "do", "can", "cannot", "very", "too", "quite", "sure",
            "sorry", "unable", "able", "afraid", "new", "back", "out", "away", "just", "stuck", "broken", "slow", "down", "up", "off",
            "fine", "ok", "okay", "bad", "good", "great", "annoying", "urgent", "important", "frustrating", "again", "misspelt",
            "invalid", "null", "cut", "truncated", "garbled", "visible", "required", "mandatory", "optional", "long", "short", "unknown", "what",
            "how", "why", "where", "all", "only", "even", "never", "always", "really", "getting", "going", "coming", "since",
            "unacceptable", "ridiculous", "outrageous", "terrible", "awful", "horrible", "absurd", "insane", "crazy", "useless", "pathetic",
            "disappointing", "amazing", "excellent", "wonderful", "fantastic", "weird", "strange", "odd", "serious", "critical");

    /** "Maria here." at a line's start. */
    private static final Pattern NAME_HERE = Pattern.compile("(?m)(^[ \\t]*(?!(?i:" + GREETING_WORDS + ")\\b)|\\b(?i:" + GREETING_WORDS + ")[,!]?[ \\t]+(?!" + NOT_A_NAME
            + "(?![\\p{L}\\p{M}])))" + NAME + "(?= here\\b)");

    /** Where a name ends: not before more of a word, a path or an address, nor a contraction ("Don't"); "Maria's" is hers. */
    private static final String NAME_ENDS = "(?![\\p{L}\\p{M}\\d_/]|[.@][\\p{L}\\d]|['’](?!s(?![\\p{L}\\p{M}]))\\p{L})";
    /** Known first names: see {@code classifier-streams/src/build/first-names.sh}, which makes the list. */
    private static final List<String> NAME_LINES = nameLines();
    private static final Set<String> FIRST_NAMES = firstNames(false);
    /** Those that also name a place or an everyday thing ("Jordan", "Jack"): a name only with a surname after it. */
    private static final Set<String> NAMES_WITH_SURNAME_ONLY = firstNames(true);
    /**
     * Words a Title Case subject puts after a name-like word that are no surname: "Headphone Jack Not
     * Working", "Mike Stops Working", "Jordan Office Closed".
     */
    private static final Set<String> NOT_SURNAMES = Set.of("Not", "No", "Is", "Are", "Was", "Were", "Be", "Has", "Have", "Had", "Do",
            "Does", "Did", "Can", "Cannot", "Can't", "Could", "Will", "Would", "Should", "Won't", "Doesn't", "Don't", "Isn't", "Keeps",
            "Stops", "Stopped", "Working", "Works", "Broken", "Missing", "Failed", "Fails", "Failing", "Error", "Errors", "Issue",
            "Issues", "Problem", "Problems", "Bug", "Crash", "Crashes", "Crashed", "Office", "Team", "Support", "Port", "Cable", "Input",
            "Output", "Button", "Update", "After", "Before", "In", "On", "At", "To", "For", "With", "From", "Of", "By", "And", "Or", "But",
            "The", "Only", "Still", "Again", "Now", "Too", "Disconnected", "Connected", "Detected", "Audio", "Sound", "Mode");
    /**
     * A capitalised word, or two joined by a hyphen ("Anne-Marie"), standing alone: not inside a word, an
     * id, a URL or a file name. A Windows user folder ("C:\\Users\\Craig\\AppData") is a name too.
     */
    private static final Pattern TITLE_WORD = Pattern.compile("(?<![\\p{L}\\p{M}\\d_'’/.-])"
            // a place or a make named after someone: San Diego, St. Helena, New Jersey, Puerto Rico, Aston Martin
            + "(?<!\\b(?:San|Santa|Santo|São|Sao|St\\.?|Saint|El|Los|Las|New|Port|Fort|Mount|Lake|Cape|Aston|Puerto|Costa|Sri) )"
            + "(\\p{Lu}[\\p{Ll}\\p{M}]+)(?:-\\p{Lu}[\\p{Ll}\\p{M}]+)?"
            + NAME_ENDS);
    /** What may follow a first name as the rest of the name: a surname ("Gonzalez", "O'Brien", "Smith-Jones") or an initial. */
    private static final Pattern SURNAME = Pattern.compile(" (?:\\p{Lu}(?:[\\p{Ll}\\p{M}]+|(?=['’]\\p{Lu}))(?:['’-]\\p{Lu}?[\\p{Ll}\\p{M}]+)?|\\p{Lu}\\.)"
            + NAME_ENDS);

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        // each pattern only where its cue is: this runs for every ticket on the stream thread, and most
        // tickets hold no address, no long number and no greeting, so most scans are skipped
        // a no-break space (HTML mail made text, a phone's keyboard) is a space to every pattern below: "+44 20 ..."
        // or "Thanks, Kwame" written with them would otherwise pass
        text = text.replace('\u00a0', ' ').replace('\u202f', ' ').replace('\u2007', ' ');
        String lower = text.toLowerCase(Locale.ROOT);
        int digits = digitCount(text);
        String out = text;
        if (text.indexOf('@') >= 0) {
            out = EMAIL.matcher(out).replaceAll("[email]");
        }
        if (hasAny(lower, "(at)", "[at]", " dot ")) {
            out = EMAIL_SPELLED.matcher(out).replaceAll("[email]");
        }
        if (hasAny(lower, " @", "@ ", " at ")) {
            out = EMAIL_APART.matcher(out).replaceAll("[email]");
        }
        if (digits >= 5) {
            // an IBAN's shape is also a licence key's, a model number's or a request id's: taken when its check
            // digits hold, or when the word iban comes before it (one mistyped is still someone's account)
            for (Pattern iban : List.of(IBAN, IBAN_ANY_CASE, IBAN_COMPACT)) {
                String typed = out;
                out = iban.matcher(out).replaceAll(m -> ibanChecks(m.group()) || namedAsIban(typed, m.start())
                        ? "[account]" : Matcher.quoteReplacement(m.group()));
            }
            out = ACCOUNT.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + " [account]");
        }
        if (digits >= 8) {
            out = PHONE_AFTER_LABEL.matcher(out).replaceAll(m -> digitCount(m.group(2)) >= 8 ? Matcher.quoteReplacement(m.group(1)) + "[phone]"
                    : Matcher.quoteReplacement(m.group()));
            out = CARD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(card(m.group())));
            out = PHONE_INTERNATIONAL.matcher(out).replaceAll(m -> isInternationalPhone(m.group())
                    ? "[phone]" : Matcher.quoteReplacement(m.group()));
            String numbered = out;
            out = PHONE.matcher(out).replaceAll(m -> (isPhone(m.group()) || namedAsPhone(numbered, m.start(), m.group()))
                    && !namedAsSomethingElse(numbered, m.start(), m.group()) ? "[phone]" : Matcher.quoteReplacement(m.group()));
            out = PHONE_DOTTED.matcher(out).replaceAll("[phone]");
            out = PHONE_DOTTED_TRUNK.matcher(out).replaceAll(m -> digitCount(m.group()) >= 9 ? "[phone]" : Matcher.quoteReplacement(m.group()));
        }
        if (hasAny(lower, "hi", "hello", "hey", "howdy", "dear", "morning", "afternoon", "evening", "good day", "greetings", "hola", "bonjour",
                "hallo", "hej", "ciao", "salut")) {
            String greeted = out;
            out = GREETING.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                    // "Hi, Since the update ...": after a comma, a capitalised word is who is greeted when it stands alone
                    // or is a known first name; else it starts the sentence
                    !m.group(3).isEmpty() && !STANDS_ALONE.matcher(greeted).region(m.end(), greeted.length()).lookingAt()
                            && !isKnownFirstName(m.group(4).split(" ")[0]) && !TITLED.matcher(m.group(4)).lookingAt()
                    // "Hi Since the update ...", "Hello Please help": a word that starts a sentence and names nobody
                    || NOT_NAME_WORDS.contains(m.group(4).split(" ")[0].toLowerCase(Locale.ROOT)) && !isKnownFirstName(m.group(4).split(" ")[0])
                            ? m.group()
                    : m.group(1) + (m.group(2) == null ? "" : m.group(2)) + " [name]"
                            + (m.group(5).isEmpty() ? "" : m.group(5).substring(0, m.group(5).indexOf(' ', 1)) + " [name]")));
            // without its comma, a greeting in small letters names someone when the word is a known first name: "hi maria the export fails"
            out = GREETING_SMALL.matcher(out).replaceAll(m -> m.group(3).equals(",") || isKnownFirstName(m.group(2))
                    ? m.group(1) + " [name]" + m.group(3) : Matcher.quoteReplacement(m.group()));
        }
        if (hasAny(lower, "thank", "thx", "ty", "regards", "cheers", "best", "sincerely", "yours", "br")) {
            out = SIGN_OFF_LINE.matcher(out).replaceAll("$1$2[name]");
            out = SIGN_OFF_THEN_NAME_LINE.matcher(out).replaceAll("$1$2[name]");
            out = SIGN_OFF_MID_LINE.matcher(out).replaceAll("$1$2[name]");
            out = SIGN_OFF_LINE_END.matcher(out).replaceAll(m -> Matcher.quoteReplacement(saysHowItWent(m.group(4).split(" ")[0]) ? m.group()
                    : m.group(1) + m.group(2) + (m.group(3) == null ? "" : m.group(3)) + "[name]" + m.group().substring(m.end(4) - m.start())));
        }
        if (hasAny(lower, "thank", "regards", "wishes", "cheers", "have a", "hear", "appreciate", "help", "care", "soon")) {
            out = LINE_THEN_NAME.matcher(out).replaceAll(m -> Matcher.quoteReplacement(CLOSING_CUE.matcher(lastClause(m.group(1))).find()
                    ? m.group(1) + m.group(2) + "[name]" : m.group()));
        }
        if (lower.contains("wrote")) {
            out = REPLY_HEADER.matcher(out).replaceAll("$1[name]");
        }
        if (hasAny(lower, "--", "—", "–")) {
            out = SIGNATURE.matcher(out).replaceAll("$1[name]");
        }
        out = out.stripTrailing();
        out = lastLineName(out);
        if (hasAny(lower, "thank", "thx", "ty", "regards", "cheers", "best", "sincerely", "yours", "br")) {
            out = SIGN_OFF.matcher(out).replaceAll(m -> Matcher.quoteReplacement(saysHowItWent(m.group(SIGN_OFF_NAME)) ? m.group()
                    : m.group(1) + m.group(2) + "[name]" + (m.group(SIGN_OFF_FOOTER) == null ? "" : m.group(SIGN_OFF_FOOTER))));
        }
        if (hasAny(lower, "my name")) {
            // "my name is Tom Baker" is the capitalised pattern's, below
            out = MY_NAME_SMALL.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(3) == null && Character.isUpperCase(m.group(2).charAt(0))
                    ? m.group() : smallLetterName(m, m.group(2), m.group(3))));
        }
        if (lower.contains("my name")) {
            out = MY_NAME.matcher(out).replaceAll("$1 [name]");
        }
        if (lower.indexOf(':') >= 0) {
            out = NAME_LABEL.matcher(out).replaceAll("$1 [name]");
        }
        if (hasAny(lower, "this is", "i am", "i'm", "i’m")) {
            // "This is URGENT!", "This is Unacceptable." say how it is, not who
            out = INTRODUCTION.matcher(out).replaceAll(m -> Matcher.quoteReplacement(isNotAName(m.group(2).split(" ")[0])
                    || inCapitals(m.group(2)) ? m.group() : m.group(1) + " [name]"));
            // a known first name ("i'm maria here"), or any words after a greeting ("hi, this is jan kowalski from"):
            // "this is apple pay from the checkout" is no introduction
            String introduced = out;
            out = INTRODUCTION_SMALL.matcher(out).replaceAll(m -> Matcher.quoteReplacement(isKnownFirstName(m.group(2))
                    || AFTER_GREETING.matcher(introduced.substring(Math.max(0, m.start() - 20), m.start())).find()
                    ? smallLetterName(m, m.group(2), m.group(3)) : m.group()));
        }
        if (hasAny(lower, "it's", "it’s")) {
            out = ITS_NAME.matcher(out).replaceAll("$1 [name]");
        }
        if (lower.contains(" here")) {
            // "Maria here." at a line's start, or after a greeting: "Hello, Kwame here".
            out = NAME_HERE.matcher(out).replaceAll("$1[name]");
        }
        return knownFirstNames(out);
    }

    /** The text with the name alone on its last line redacted, when the line before ends a sentence or a blank line is between. */
    private static String lastLineName(String text) {
        int lastBreak = text.lastIndexOf('\n');
        if (lastBreak < 0) {
            return text;
        }
        Matcher name = LAST_LINE_NAME.matcher(text).region(lastBreak + 1, text.length());
        if (!name.matches()) {
            return text;
        }
        String before = text.substring(0, lastBreak).stripTrailing();
        String lineBefore = before.substring(before.lastIndexOf('\n') + 1);
        boolean blankLineBetween = text.substring(before.length(), lastBreak).indexOf('\n') >= 0;
        boolean sentenceEnds = !lineBefore.isEmpty() && ".!?,".indexOf(lineBefore.charAt(lineBefore.length() - 1)) >= 0;
        if (!(blankLineBetween || sentenceEnds) || !isLastLineName(lineBefore, name.group(1))) {
            return text;
        }
        return text.substring(0, name.start(1)) + "[name]" + text.substring(name.end(1));
    }

    /**
     * Whether the words alone on a message's last line are who wrote it: a first name and a surname (none of
     * them a word that says something else, nor in capitals: "Expected Behaviour", "URGENT FIX" stay) under a
     * line that is no question, or one word or two under a line that closes ("Please help!", "Please advise.",
     * "Can you help?").
     */
    private static boolean isLastLineName(String lineBefore, String name) {
        String[] words = name.split(" ");
        for (String word : words) {
            if (inCapitals(word) || isNotAName(word) || NOT_SURNAMES.contains(word)
                    || HOW_IT_WENT.contains(word.toLowerCase(Locale.ROOT)) || SIGN_OFF_WORD.matcher(word).matches()) {
                return false;
            }
        }
        // two words under a question are as likely its answer ("Which browser?" then "Google Chrome")
        return words.length > 1 && !lineBefore.endsWith("?") || CLOSING_CUE.matcher(lineBefore).find() || LAST_LINE_CUE.matcher(lineBefore).find();
    }

    /** Words in capitals, as a shout or an acronym is written ("URGENT", "FIX"), not a name. */
    private static boolean inCapitals(String words) {
        return words.length() > 1 && words.equals(words.toUpperCase(Locale.ROOT));
    }

    /** A sign-off word alone, which a last line may hold instead of a name: "Thanks", "Cheers". */
    private static final Pattern SIGN_OFF_WORD = Pattern.compile(SIGN_OFF_WORDS);

    /** A line that asks for an answer, as a message's last line of words before its writer's name does. */
    private static final Pattern LAST_LINE_CUE = Pattern.compile("(?i)\\b(?:please (?:help|advise|assist|fix|check|reply)|asap|urgently|let me know|"
            + "get back to (?:me|us)|any (?:help|ideas|advice)|(?:can|could) (?:you|someone|anyone) help)\\b");

    /**
     * An introduction in small letters with its name redacted: the one or two words after it, each no
     * word that says something else (then the introduction is left as written, or its name ends there).
     */
    private static String smallLetterName(java.util.regex.MatchResult m, String first, String second) {
        if (isNotAName(first)) {
            return m.group();
        }
        String rest = second == null ? "" : m.group().substring(m.end(2) - m.start());
        return m.group(1) + " [name]" + (second == null || isNotAName(second) ? rest : "");
    }

    /**
     * Whether the word after a closing "thanks" says how it went rather than who wrote: one of {@link #HOW_IT_WENT} in
     * any case, or a word in small letters that is no name ("thanks, updated", "cheers, really"); "cheers, jon" is one.
     */
    private static boolean saysHowItWent(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return HOW_IT_WENT.contains(lower) || Character.isLowerCase(word.charAt(0)) && isNotAName(word);
    }

    private static boolean isNotAName(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (isKnownFirstName(w)) {
            return false; // Fred, Ahmed, Emily
        }
        return NOT_NAME_WORDS.contains(w) || w.endsWith("ing") || w.endsWith("ed") || w.endsWith("ly");
    }

    /** Every known first name, with the surname or initial right after it, wherever it stands. */
    private static String knownFirstNames(String text) {
        Matcher word = TITLE_WORD.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < text.length() && word.find(from)) {
            from = word.end();
            boolean surnameOnly = NAMES_WITH_SURNAME_ONLY.contains(word.group(1));
            if (!surnameOnly && !FIRST_NAMES.contains(word.group(1))) {
                continue;
            }
            Matcher surname = SURNAME.matcher(text).region(word.end(), text.length());
            boolean withSurname = surname.lookingAt() && !NOT_SURNAMES.contains(text.substring(word.end() + 1, surname.end()));
            boolean userFolder = word.start() > 0 && text.charAt(word.start() - 1) == '\\'; // C:\Users\Mike\...
            if (surnameOnly && !withSurname && !userFolder) {
                continue;
            }
            int end = withSurname ? surname.end() : word.end();
            out = out == null ? new StringBuilder(text.length()) : out;
            out.append(text, copied, word.start()).append("[name]");
            copied = end;
            from = end;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static final Set<String> FIRST_NAMES_LOWER = FIRST_NAMES.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * Whether a word is a known first name in any case ("maria" as much as "Maria"): for a theme's name,
     * which everyone reading the product sees, a customer who writes their name in small letters is still
     * named. The names that are also everyday words (Jack, Mike) are left out.
     */
    public static boolean isKnownFirstName(String word) {
        return FIRST_NAMES_LOWER.contains(word.toLowerCase(java.util.Locale.ROOT));
    }

    /** @param surnameOnly the names marked with a trailing + in the list, or the others */
    private static Set<String> firstNames(boolean surnameOnly) {
        Set<String> names = new HashSet<>();
        for (String name : NAME_LINES) {
            if (name.endsWith("+") == surnameOnly) {
                names.add(surnameOnly ? name.substring(0, name.length() - 1) : name);
            }
        }
        return Set.copyOf(names);
    }

    /** The names of {@code sorter/first-names.txt}, without its comments. */
    private static List<String> nameLines() {
        try (InputStream in = Redactor.class.getResourceAsStream("/sorter/first-names.txt")) {
            if (in == null) {
                throw new IllegalStateException("sorter/first-names.txt is not on the classpath: the build leaves it in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sorter/first-names.txt", e);
        }
    }

    /** What follows the last comma, full stop, colon or semicolon of a line: "and have a nice day" of "Thank you, and have a nice day". */
    private static String lastClause(String line) {
        int at = Math.max(Math.max(line.lastIndexOf(','), line.lastIndexOf('.')), Math.max(line.lastIndexOf(';'), line.lastIndexOf(':')));
        return line.substring(at + 1);
    }

    private static boolean hasAny(String lower, String... cues) {
        for (String cue : cues) {
            if (lower.contains(cue)) {
                return true;
            }
        }
        return false;
    }

    private static int digitCount(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /**
     * A run of nine or more digits that reads as a phone number: it starts with '+', '(' or a 0; or its groups,
     * joined by a dash or a slash, end in one of four or more (555-123-4567, 030/1234567); or apart by spaces it
     * has a North American number's shape (555 123 4567). Not a date, not a number a year starts, and not a
     * list (HTTP 500 502 503, ports 80 443 8080, 100 000 000).
     */
    private static boolean isPhone(String match) {
        String digits = match.replaceAll("\\D", "");
        // no phone number has more than 15 digits (E.164): a tracking number, a document number
        int dialled = digits.startsWith("00") ? digits.length() - 2 : digits.length(); // "0049 ...": the international prefix is no digit of the number
        if (digits.length() < 9 || dialled > 15 || DATE_OR_YEAR_FIRST.matcher(match).matches()) {
            return false;
        }
        String[] groups = match.replaceAll("[()+]", "").trim().split("[ /-]+");
        // "(" as an area code's, not round a whole number: "crashed (3221225477)" is an exit code
        boolean leading = match.startsWith("+") || match.startsWith("(") && !IN_BRACKETS_ALONE.matcher(match).matches() || match.startsWith("0");
        if (leading) {
            return true;
        }
        // one run of digits with no cue: a North American number (5551234567, 15551234567), whose area code and
        // exchange start 2 to 9; other lengths and shapes are a count, an exit code or a size (250000000 rows,
        // 3221225477) unless words before it say phone (namedAsPhone)
        if (groups.length == 1) {
            return NANP_RUN.matcher(digits).matches();
        }
        // numbers apart by spaces alone are a list (ports 80 443 8080, years 2022 2023 2024, 404 500 1001 errors) unless
        // they have a North American number's shape; a dash or a slash joins the groups of one number (030/1234567)
        if (!match.contains("-") && !match.contains("/")) {
            return NANP_GROUPS.matcher(match).matches();
        }
        boolean evenGroups = java.util.Arrays.stream(groups).mapToInt(String::length).distinct().count() == 1;
        return !evenGroups && groups[groups.length - 1].length() >= 4;
    }

    /**
     * A run of digits that is a card number, or starts with one followed by its expiry or security code
     * ("4111 1111 1111 1111 12/26", "... 1111 123"): the whole run fails the check digit, so the card's
     * 15 or 16 digits, ending where a group ends, are checked on their own. Other runs are left as written.
     */
    private static String card(String match) {
        // a payment card's number starts 2 to 6 (Mastercard, Amex, Diners and JCB, Visa, Discover) and, written in
        // groups, starts with a group of four: an order number (112-3456789-0123451) or a timestamp in
        // milliseconds (1732627200006) passes the check digit one time in ten
        String[] groups = match.split("[ -]");
        if (match.charAt(0) < '2' || match.charAt(0) > '6' || groups.length > 1 && groups[0].length() != 4) {
            return match;
        }
        if (luhn(match)) {
            return "[card]";
        }
        int digits = 0;
        for (int i = 0; i < match.length(); i++) {
            if (Character.isDigit(match.charAt(i))) {
                digits++;
                boolean groupEnds = i + 1 < match.length() && !Character.isDigit(match.charAt(i + 1));
                if (groupEnds && (digits == 15 || digits == 16) && luhn(match.substring(0, i + 1))) {
                    return "[card]" + match.substring(i + 1);
                }
            }
        }
        return match;
    }

    /**
     * "+33 6 12 34 56 78" is a phone; "+120 340 560 780" (latencies, a list) is not: after the country code,
     * groups all of one length of three or more are a list.
     */
    private static boolean isInternationalPhone(String match) {
        if (match.replaceAll("\\D", "").length() < 9) {
            return false;
        }
        String[] groups = match.replaceAll("[()+]", "").trim().split("[ .-]+");
        java.util.Set<Integer> lengths = new java.util.HashSet<>();
        for (int i = 1; i < groups.length; i++) {
            lengths.add(groups[i].length());
        }
        return !(lengths.size() == 1 && lengths.iterator().next() >= 3 && groups.length > 2);
    }

    /** The words before a number that say it is a phone: "call me on", "mobile:", "my phone number is". */
    private static final Pattern PHONE_NAMED = Pattern.compile("(?i)\\b(?:phone|telephone|tel|mobile|cell|cellphone|landline|whatsapp|fax|"
            + "call me|call us|ring me|text me|reach me|contact me|my number|our number)(?:[ .:#-]*(?:number|no|nr|num|is|on|at))*[ .:#-]*$");

    /**
     * Whether a number in groups all of one length ("612 345 678", "12 34 56 78"), which alone reads as a list,
     * follows words saying it is a phone: how many countries write their numbers. Eight digits or more, not a date.
     */
    private static boolean namedAsPhone(String text, int start, String match) {
        if (match.replaceAll("\\D", "").length() < 8 || DATE_OR_YEAR_FIRST.matcher(match).matches()) {
            return false;
        }
        return PHONE_NAMED.matcher(text.substring(Math.max(0, start - 40), start)).find();
    }

    /** The word before a number that says what it is, when that is not a phone: "error code 2147942405", "order #112345678". */
    private static final Pattern NAMED_NUMBER = Pattern.compile("(?i)\\b(?:error|code|order|ticket|invoice|build|ref|reference|"
            + "transaction|tracking|epoch|timestamp|version|serial|sku|pid)(?: (?:no|nr|number|num|id|code))?"
            + "\\.?[ :#]*$");

    /**
     * Whether a run of digits with no separator, "+", "(" or leading 0 follows a word saying it is an error
     * code, an order or a build rather than a phone: a number written in one run and in such a place reads
     * as the thing named. A phone given there ("order line 0301234567") still starts with its 0 and goes.
     */
    private static boolean namedAsSomethingElse(String text, int start, String match) {
        if (!match.chars().allMatch(Character::isDigit) || match.startsWith("0")) {
            return false;
        }
        return NAMED_NUMBER.matcher(text.substring(Math.max(0, start - 30), start)).find();
    }

    /** Words that say a bank account follows: "IBAN", "Konto", "bank", "refund to", "RIB", "transfer to". */
    private static final Pattern IBAN_NAMED = Pattern.compile("(?i)\\b(?:iban|konto|kontonummer|bank|rib|refund to|transfer to|pay to|"
            + "paid to|virement|überweisung)\\b");

    /** Whether words saying a bank account come just before an IBAN's shape: a mistyped IBAN is still one. */
    private static boolean namedAsIban(String text, int start) {
        return IBAN_NAMED.matcher(text.substring(Math.max(0, start - 25), start)).find();
    }

    /**
     * The check every IBAN carries (ISO 13616, mod 97): its first four characters moved to the end, letters as
     * 10 to 35, the number leaves 1. A random run of letters and digits passes one time in 97.
     */
    static boolean ibanChecks(String written) {
        String iban = written.replaceAll("[ -]", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String moved = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < moved.length(); i++) {
            int value = Character.digit(moved.charAt(i), 36);
            if (value < 0) {
                return false;
            }
            remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    /** The check digit every card number carries (Luhn): random numbers of that length pass one time in ten. */
    private static boolean luhn(String match) {
        String digits = match.replaceAll("\\D", "");
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
