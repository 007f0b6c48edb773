package org.ticketpipeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.ticketpipeline.localstack.HttpCalls;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.localstack.PipelineServices;

/**
 * The release-watch dashboard in a real headless Chromium against the whole pipeline (three service
 * JVMs, the real broker and registry): it shows a release against its brief with the weekly reading
 * beside it, changes without a reload when tickets are posted, passes axe-core's accessibility
 * rules, fits a phone's width, and says when its stream drops and recovers. Screenshots go to
 * {@code target/dashboard/}.
 */
@ExtendWith(KafkaStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHOTS = Paths.get("target", "dashboard");
    private static final Duration LIVE = Duration.ofSeconds(30);

    private static PipelineServices services;
    private static org.ticketpipeline.localstack.KafkaStack kafka;
    private static WebDriver browser;
    private static String product;
    private static String releaseId;
    private static int posted;

    @BeforeAll
    static void start(org.ticketpipeline.localstack.KafkaStack stack) throws Exception {
        kafka = stack;
        services = PipelineServices.start(stack, PipelineIT.root(), PipelineServices.Ports.free(), Duration.ofSeconds(120),
                Map.of("READING_HEARTBEAT_INTERVAL", "2s"));
        product = "d-" + UUID.randomUUID().toString().substring(0, 8);
        releaseId = product + "-2.0";
        Instant released = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
        StringBuilder batch = new StringBuilder("[");
        for (int day = 1; day <= 7; day++) {
            ticket(batch, released.minus(Duration.ofDays(day)), "Login loop", "I am sent back to the login page in a loop.");
        }
        ticket(batch, released.plus(Duration.ofMinutes(20)), "CSV export times out", "The CSV export times out since the update.");
        ticket(batch, released.plus(Duration.ofMinutes(80)), "CSV export times out", "Export to CSV times out for a year of data.");
        assertThat(HttpCalls.postJson(services.ingestUrl() + "/v1/ticket-events", batch.append("]").toString()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> HttpCalls.get(services.readingUrl() + "/v1/products/" + product + "/themes?window=week").statusCode() == 200);
        String release = SignedRelease.json(releaseId, product, "2.0", released);
        assertThat(HttpCalls.postJson(services.ingestUrl() + "/v1/releases", release).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> r = HttpCalls.get(services.readingUrl() + "/v1/releases/" + releaseId + "/watch");
            return r.statusCode() == 200 && JSON.readTree(r.body()).path("tickets").asInt() == 2;
        });
        browser = HeadlessChromium.start(1280, 1100);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    @Order(1)
    void shouldShowTheReleaseAgainstItsBriefWithTheWeeklyReadingBeside() throws Exception {
        browser.get(services.readingUrl() + "/dashboard/#release=" + releaseId);

        awaitText(By.id("release-title"), product + " 2.0");
        awaitText(themeCard("confirmed", "csv export times out"), "2 tickets");
        assertThat(text(themeCard("confirmed", "csv export times out"))).contains("predicted medium, came");
        assertThat(text(themeCard("quiet", "invoice totals wrong"))).contains("predicted low, not seen");
        assertThat(text(By.cssSelector("#release-list li[data-release='" + releaseId + "']"))).contains("since release").contains("confirmed: csv export times out");
        assertThat(browser.findElements(By.cssSelector("#timeline-chart polyline[data-theme='csv export times out']"))).hasSize(1);
        assertThat(text(By.id("quotes"))).contains("The CSV export times out since the update.");
        assertThat(text(By.id("reading-lines"))).contains("Predicted: csv export times out (medium)");
        await().atMost(LIVE).untilAsserted(() -> {
            assertThat(text(By.id("weekly-heading"))).isEqualTo("Weekly reading: " + product);
            assertThat(browser.findElements(By.cssSelector("#weekly-lines li"))).hasSize(5);
        });
        await().atMost(LIVE).until(() -> "live".equals(browser.findElement(By.id("connection")).getAttribute("data-state")));
        assertThat(text(By.id("updated"))).matches("· updated \\d{2}:\\d{2}:\\d{2}.*");
        assertThat(sameOriginOnly()).as("every asset comes from the service itself").isTrue();
        HeadlessChromium.screenshot(browser, SHOTS.resolve("dashboard-laptop.png"));

        Results axe = new AxeBuilder().analyze(browser);
        assertThat(axe.getViolations()).as(describe(axe.getViolations())).isEmpty();
    }

    @Test
    @Order(2)
    void shouldChangeWithoutAReloadWhenTicketsArrive() throws Exception {
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes';");
        String updatedBefore = text(By.id("updated"));
        // a keyboard user on the release's link: the list is rebuilt with each snapshot
        ((JavascriptExecutor) browser).executeScript("window.focusedLink = document.querySelector(\"#release-list li[data-release='" + releaseId
                + "'] a\"); window.focusedLink.focus();");
        Instant now = Instant.now();
        StringBuilder batch = new StringBuilder("[");
        ticket(batch, now.minusSeconds(600), "Card declined", "Payment declined at checkout with an error.");
        ticket(batch, now.minusSeconds(300), "Card declined", "My card is declined at checkout, error 402.");
        ticket(batch, now.minusSeconds(60), "Card declined", "Payment declined again when I pay the invoice.");
        ticket(batch, now.minusSeconds(30), "CSV export times out", "The CSV export still times out.");
        long postedAt = System.nanoTime();
        assertThat(HttpCalls.postJson(services.ingestUrl() + "/v1/ticket-events", batch.append("]").toString()).statusCode()).isEqualTo(202);

        await().atMost(LIVE).pollInterval(Duration.ofMillis(50)).until(() -> !browser.findElements(themeCard("surprise", "payment declined")).isEmpty());
        System.out.printf("dashboard: posted tickets shown as a surprise %d ms after the POST%n", (System.nanoTime() - postedAt) / 1_000_000);
        awaitText(themeCard("confirmed", "csv export times out"), "3 tickets");
        assertThat(text(themeCard("surprise", "payment declined"))).as("never seen before the release: no multiple of a usual rate")
                .contains("3 tickets").contains("new since the release").doesNotContain("× its usual rate");
        assertThat(browser.findElements(By.cssSelector("#timeline-chart polyline[data-theme='payment declined']"))).hasSize(1);
        assertThat(((Number) ((JavascriptExecutor) browser).executeScript("""
                const now = document.querySelector('#timeline-chart line.now');
                const nowX = now ? parseFloat(now.getAttribute('x1')) : Infinity;
                return [...document.querySelectorAll('#timeline-chart polyline')]
                    .flatMap(p => p.getAttribute('points').split(' ').map(pt => parseFloat(pt.split(',')[0])))
                    .filter(x => x > nowX + 0.5).length;""")).intValue()).as("no hour drawn past the now line").isZero();
        assertThat(text(By.cssSelector("#release-list li[data-release='" + releaseId + "']"))).contains("surprise: payment declined");
        assertThat(text(By.id("reading-lines"))).contains("Surprised: payment declined");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument;")).as("no reload").isEqualTo("yes");
        assertThat(text(By.id("updated"))).isNotEqualTo(updatedBefore);
        assertThat(browser.switchTo().activeElement().findElement(By.xpath("..")).getAttribute("data-release"))
                .as("the focus stays on the release's link").isEqualTo(releaseId);
        assertThat(((JavascriptExecutor) browser).executeScript("return document.activeElement === window.focusedLink;"))
                .as("the same link, updated in place: a new one focused again is announced again by a screen reader").isEqualTo(true);
        assertThat(text(By.id("release-meta"))).as("how old the figures are").matches(".* · figures as of \\d{1,2}:\\d{2}:\\d{2}.*");
        assertThat(((JavascriptExecutor) browser).executeScript(
                "window.tableRow = document.querySelector('#timeline-table tbody tr'); return window.tableRow !== null;")).isEqualTo(true);
        Thread.sleep(6_000); // past the page's 5 s tick, which draws the chart's "now" line again
        assertThat(((JavascriptExecutor) browser).executeScript("return document.querySelector('#timeline-table tbody tr') === window.tableRow;"))
                .as("the hour table, its figures unchanged, is not rebuilt under a screen reader reading it").isEqualTo(true);
        HeadlessChromium.screenshot(browser, SHOTS.resolve("dashboard-live.png"));
    }

    @Test
    @Order(3)
    void shouldFitAPhoneWidth() throws Exception {
        Dimension laptop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 900));
        try {
            // quotes keep their URLs, and a brief's theme may be one long word: neither may widen the page
            ((JavascriptExecutor) browser).executeScript("""
                    const long = 'https://support.example.com/' + 'a'.repeat(180);
                    const f = document.createElement('figure'); const q = document.createElement('blockquote');
                    q.textContent = long; f.append(q); document.getElementById('quotes').append(f);
                    const li = document.createElement('li'); const t = document.createElement('span'); t.className = 'theme';
                    t.textContent = 'x'.repeat(150); li.append(t); document.getElementById('confirmed').append(li);""");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(((Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).intValue())
                    .as("no sideways scrolling at a phone's width").isLessThanOrEqualTo(0));
            WebElement confirmed = browser.findElement(By.id("confirmed"));
            assertThat(confirmed.getRect().getWidth()).as("theme columns stack at a phone's width").isGreaterThan(300);
            // the chart is drawn again at the phone's width, so its hour labels stay as large as the page's small print
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat((List<?>) ((JavascriptExecutor) browser).executeScript(
                    "return [...document.querySelectorAll('#timeline-chart .axis text')].map((t) => t.getBoundingClientRect().height);"))
                    .as("the chart's labels' heights in pixels at a phone's width").isNotEmpty()
                    .allSatisfy(height -> assertThat(((Number) height).doubleValue()).isGreaterThanOrEqualTo(10)));
            HeadlessChromium.screenshot(browser, SHOTS.resolve("dashboard-phone.png"));
        } finally {
            browser.manage().window().setSize(laptop);
        }
    }

    @Test
    @Order(4)
    void shouldSayWhenTheStreamDropsAndPickUpAgainWhenItRecovers() throws Exception {
        await().atMost(LIVE).until(() -> "live".equals(connectionState()));
        Thread restart = new Thread(() -> services.restartReading(Duration.ofSeconds(120)));
        restart.start();
        await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).until(() -> "down".equals(connectionState()));
        assertThat(text(By.id("connection-text"))).containsIgnoringCase("reconnecting");
        restart.join(Duration.ofSeconds(150).toMillis());
        await().atMost(Duration.ofSeconds(60)).until(() -> "live".equals(connectionState()));

        StringBuilder batch = new StringBuilder("[");
        ticket(batch, Instant.now().minusSeconds(5), "CSV export times out", "Export times out once more.");
        assertThat(HttpCalls.postJson(services.ingestUrl() + "/v1/ticket-events", batch.append("]").toString()).statusCode()).isEqualTo(202);
        awaitText(themeCard("confirmed", "csv export times out"), "4 tickets");
    }

    @Test
    @Order(5)
    void shouldSaySoWhenTheAddressNamesAnUnknownReleaseAndComeBackByKeyboard() {
        browser.get("about:blank"); // a fresh load of the address, not a change of the fragment on the page
        browser.get(services.readingUrl() + "/dashboard/#release=nope-0.0");
        awaitText(By.id("release-empty"), "No watch for nope-0.0 yet");
        assertThat(browser.findElement(By.id("release-body")).isDisplayed()).isFalse();

        WebElement link = browser.findElement(By.cssSelector("#release-list li[data-release='" + releaseId + "'] a"));
        link.sendKeys(org.openqa.selenium.Keys.ENTER);
        awaitText(By.id("release-title"), product + " 2.0");
        await().atMost(LIVE).until(() -> "content".equals(browser.switchTo().activeElement().getAttribute("id")));
        // the skip link takes the keyboard to the release and leaves the address naming it, for a reload or a link shared
        ((JavascriptExecutor) browser).executeScript("document.querySelector('a.skip').blur(); document.body.focus();");
        browser.findElement(By.cssSelector("a.skip")).sendKeys(org.openqa.selenium.Keys.ENTER);
        await().atMost(LIVE).until(() -> "content".equals(browser.switchTo().activeElement().getAttribute("id")));
        assertThat(((JavascriptExecutor) browser).executeScript("return location.hash")).isEqualTo("#release=" + releaseId);

        // the service fails the next pick once: the panel says so under the release picked, then loads it
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("location.hash = '#release=nope-0.0';");
        awaitText(By.id("release-empty"), "No watch for nope-0.0 yet");
        js.executeScript("""
                const real = window.fetch; let failed = false;
                window.fetch = (url, options) => !failed && String(url).endsWith('/watch') && !String(url).includes('nope')
                    ? (failed = true, Promise.resolve(new Response('{"detail":"Tables loading"}', {status: 503})))
                    : real(url, options);
                location.hash = '#release=' + encodeURIComponent(arguments[0]);""", releaseId);
        awaitText(By.id("release-empty"), "Could not load " + releaseId);
        assertThat(text(By.id("release-title"))).as("not the figures of the release shown before").isEqualTo(releaseId);
        awaitText(By.id("release-title"), product + " 2.0");
    }

    @Test
    @Order(6)
    void shouldSayAReleaseRegisteredAheadOfItsTimeIsNotReleasedYet() throws Exception {
        String ahead = product + "-3.0";
        Instant ships = Instant.now().plus(Duration.ofDays(5)).plus(Duration.ofHours(2));
        assertThat(HttpCalls.postJson(services.ingestUrl() + "/v1/releases", SignedRelease.json(ahead, product, "3.0", ships)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> HttpCalls.get(services.readingUrl() + "/v1/releases/" + ahead + "/watch").statusCode() == 200);

        browser.get("about:blank");
        browser.get(services.readingUrl() + "/dashboard/#release=" + ahead);

        awaitText(By.id("release-title"), "not released yet");
        assertThat(text(By.id("release-meta"))).startsWith("Releases ").contains("ships in 5 d");
        awaitText(By.cssSelector("#release-list li[data-release='" + ahead + "']"), "ships in 5 d");
        assertThat(text(By.id("reading-lines"))).contains(product + " 3.0 is not released yet: it ships in 5 days")
                .contains("Came: nothing yet, the watch starts at the release.");
        assertThat(text(By.id("release-verdict"))).as("nothing is quiet before the watch begins")
                .isEqualTo("Not released yet: the watch starts at the release.");
        assertThat(text(themeCard("quiet", "invoice totals wrong"))).contains("predicted low, watched from the release");
        assertThat(text(By.cssSelector("#release-list li[data-release='" + ahead + "']"))).contains("the watch starts at the release");
        assertThat(text(By.id("release-meta"))).as("a time says its zone: the readings beside it say theirs in UTC")
                .containsPattern("\\d{1,2}:\\d{2}( [AP]M)? [A-Z]{2,5}");

        // the page left open across the release moment: no snapshot comes for that alone (its findings do not change)
        String soon = product + "-3.1";
        Instant shipsSoon = Instant.now().plus(Duration.ofSeconds(40));
        assertThat(HttpCalls.postJson(services.ingestUrl() + "/v1/releases", SignedRelease.json(soon, product, "3.1", shipsSoon)).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> HttpCalls.get(services.readingUrl() + "/v1/releases/" + soon + "/watch").statusCode() == 200);
        browser.get("about:blank");
        browser.get(services.readingUrl() + "/dashboard/#release=" + soon);
        awaitText(By.id("release-title"), "not released yet");
        await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(text(By.id("release-title"))).contains("watching"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(text(By.id("reading-lines"))).as("its reading asked again").doesNotContain("not released yet"));
    }

    @Test
    @Order(7)
    void shouldAskForTheWeeklyReadingAgainWhenItFailedToLoad() {
        // the page's first ask for the weekly reading meets a 503, as during the service's start or a rebalance
        var chrome = (org.openqa.selenium.chromium.ChromiumDriver) browser;
        Map<String, Object> added = chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                const real = window.fetch; let failed = false;
                window.fetch = (url, options) => !failed && String(url).includes('/readings/weekly')
                    ? (failed = true, Promise.resolve(new Response('{"detail":"Still loading: retry in a few seconds"}', {status: 503})))
                    : real(url, options);"""));
        try {
            browser.get("about:blank");
            browser.get(services.readingUrl() + "/dashboard/#release=" + releaseId);
            awaitText(By.id("weekly-empty"), "Could not load the weekly reading");
            await().atMost(LIVE).untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#weekly-lines li"))).hasSize(5));
            assertThat(browser.findElement(By.id("weekly-empty")).isDisplayed()).isFalse();
        } finally {
            chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }
    }

    @Test
    @Order(8)
    void shouldGiveUpOnARequestThatNeverAnswersAndSayAReleasesOwnFailureInItsPanel() {
        // the page's first ask for the list never answers (a laptop waking on a dead socket), and its first ask
        // for the release's watch fails: neither may stop the page, and the second is not the list's failure
        var chrome = (org.openqa.selenium.chromium.ChromiumDriver) browser;
        Map<String, Object> added = chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                const real = window.fetch; let hung = false; let failed = false;
                window.fetch = (url, options) => {
                  if (!hung && String(url).endsWith('/v1/releases')) {
                    hung = true;
                    return new Promise((resolve, reject) => options.signal.addEventListener('abort',
                        () => reject(new DOMException('The operation was aborted.', 'AbortError'))));
                  }
                  if (hung && !failed && String(url).endsWith('/watch')) {
                    failed = true;
                    return Promise.resolve(new Response('{"detail":"Tables loading"}', {status: 503}));
                  }
                  return real(url, options);
                };"""));
        try {
            browser.get("about:blank");
            browser.get(services.readingUrl() + "/dashboard/#release=" + releaseId);
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(text(By.id("release-empty"))).startsWith("Could not load " + releaseId));
            assertThat(text(By.id("connection-text"))).as("the list loaded: the stream's state stands").isEqualTo("Live");
            assertThat(browser.findElements(By.cssSelector("#release-list li[data-release='" + releaseId + "']"))).isNotEmpty();
            awaitText(By.id("release-title"), product + " 2.0");
        } finally {
            chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }
    }

    @Test
    @Order(9)
    void shouldDropAWithdrawnWatchWithoutAReload() throws Exception {
        browser.get("about:blank");
        browser.get(services.readingUrl() + "/dashboard/#release=" + releaseId);
        awaitText(By.id("release-title"), product + " 2.0");
        await().atMost(LIVE).until(() -> "live".equals(connectionState()));
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes';");

        withdrawWatch(releaseId);

        awaitText(By.id("release-empty"), "The watch of " + releaseId + " was withdrawn");
        await().atMost(LIVE).until(() -> browser.findElements(By.cssSelector("#release-list li[data-release='" + releaseId + "']")).isEmpty());
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument")).as("no reload").isEqualTo("yes");

        // picked again (the address, a reload of the list): still said withdrawn, not "unknown"
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("location.hash = '#release=nope-0.0';");
        awaitText(By.id("release-empty"), "No watch for nope-0.0 yet");
        js.executeScript("location.hash = '#release=' + encodeURIComponent(arguments[0]);", releaseId);
        awaitText(By.id("release-empty"), "The watch of " + releaseId + " was withdrawn");
    }

    @Test
    @Order(10)
    void shouldSayAReleaseWithdrawnWhileTheServiceWasAwayWasWithdrawn() throws Exception {
        String gone = product + "-4.0";
        assertThat(HttpCalls.postJson(services.ingestUrl() + "/v1/releases",
                SignedRelease.json(gone, product, "4.0", Instant.now().minus(Duration.ofHours(1)))).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> HttpCalls.get(services.readingUrl() + "/v1/releases/" + gone + "/watch").statusCode() == 200);
        browser.get("about:blank");
        browser.get(services.readingUrl() + "/dashboard/#release=" + gone);
        awaitText(By.id("release-title"), product + " 4.0");
        await().atMost(LIVE).until(() -> "live".equals(connectionState()));

        // deleted while the reading service restarts: the page never hears the stream say so
        services.restartReading(Duration.ofSeconds(120), () -> withdrawWatch(gone));
        await().atMost(Duration.ofSeconds(60)).until(() -> "live".equals(connectionState()));

        awaitText(By.id("release-empty"), "The watch of " + gone + " was withdrawn");
        assertThat(browser.findElements(By.cssSelector("#release-list li[data-release='" + gone + "']"))).isEmpty();
    }

    @Test
    @Order(11)
    void shouldLetGoOfItsStreamWhenThePageIsLeft() {
        // a browser may keep a page left in its back/forward cache, stream and all, and opens six connections to a
        // host at most: with a few dashboards left so, every request of the next one waited for a socket until it
        // gave up (15 s)
        for (int visit = 1; visit <= 8; visit++) {
            browser.get("about:blank");
            browser.get(services.readingUrl() + "/dashboard/#release=" + product + "-3.0");
            await("visit " + visit).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(text(By.id("release-title"))).contains(product + " 3.0"));
        }
    }

    /** What the classifier writes when a release is deleted or sent again without its handoff: the watch's tombstone. */
    private static void withdrawWatch(String id) {
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("release-watch", id, null)).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not withdraw the watch of " + id, e);
        }
    }

    private static String connectionState() {
        return browser.findElement(By.id("connection")).getAttribute("data-state");
    }

    private static boolean sameOriginOnly() {
        Object foreign = ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').filter(e => !e.name.startsWith(location.origin)).map(e => e.name);");
        return foreign instanceof List<?> l && l.isEmpty();
    }

    private static By themeCard(String column, String theme) {
        return By.cssSelector("#" + column + " li[data-theme='" + theme + "']");
    }

    private static String text(By by) {
        return browser.findElement(by).getText();
    }

    private static void awaitText(By by, String expected) {
        await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> assertThat(text(by)).contains(expected));
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at "
                + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private static void ticket(StringBuilder batch, Instant at, String subject, String body) {
        int n = posted++;
        batch.append(batch.length() == 1 ? "" : ",").append("""
                {"eventId": "%s-e%d", "ticketId": "%s-t%d", "type": "created", "occurredAt": "%s", "sourceHelpdesk": "zendesk",
                 "product": "%s", "customerId": "c-%d", "subject": "%s", "body": "%s"}""".formatted(product, n, product, n, at, product, n, subject, body));
    }
}
