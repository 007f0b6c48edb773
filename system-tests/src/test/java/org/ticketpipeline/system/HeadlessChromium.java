package org.ticketpipeline.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium (Debian's {@code chromium} and {@code chromium-driver}, which the test
 * command installs when absent; else the first Chromium and chromedriver on PATH) driven headless
 * through WebDriver. Both paths are given, so Selenium never tries to download a browser or a
 * driver; {@code -Dchromium.binary} and {@code -Dchromium.driver} point elsewhere.
 */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    static WebDriver start(int width, int height) {
        Path binary = Path.of(System.getProperty("chromium.binary", onPath("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")));
        Path driver = Path.of(System.getProperty("chromium.driver", onPath("/usr/bin/chromedriver", "chromedriver")));
        for (Path p : new Path[] {binary, driver}) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: the dashboard's browser test needs Chromium and its chromedriver "
                        + "(`bash .ci/install-browser` installs Debian's; the test command runs it), or -Dchromium.binary and "
                        + "-Dchromium.driver naming them");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--disable-sync", "--lang=en-GB",
                "--window-size=" + width + "," + height);
        // Chromium leaves a directory for its singleton socket in TMPDIR after every run: under target/, not the machine's /tmp
        Path tmp;
        try {
            tmp = Files.createDirectories(Path.of("target", "chromium-tmp")).toAbsolutePath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort()
                .withEnvironment(java.util.Map.of("TMPDIR", tmp.toString())).build();
        return new ChromeDriver(service, options);
    }

    /** The first of {@code names} found on PATH, the way the install script looks for them; else {@code otherwise}. */
    private static String onPath(String otherwise, String... names) {
        String path = System.getenv("PATH");
        for (String name : names) {
            for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return otherwise;
    }

    /** Saves what the browser shows now as a PNG for people to look at. */
    static Path screenshot(WebDriver browser, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        return Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }
}
