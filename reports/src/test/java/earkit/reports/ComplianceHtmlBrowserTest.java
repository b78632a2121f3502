package earkit.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * compliance.html as a reader sees it: Debian's headless Chromium opens the file offline and the test reads the
 * page. Skipped, saying why, where Chromium or its driver is not installed ({@code apt-get install chromium
 * chromium-driver}); paths can be changed with -Dearkit.chromium and -Dearkit.chromedriver.
 */
class ComplianceHtmlBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("earkit.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("earkit.chromedriver", "/usr/bin/chromedriver"));
    private static final Path RUN = Path.of("target/browser-test-run");
    /** Build artefacts: what the report looked like in this build (the first screen is the README's picture). */
    static final Path FIRST_SCREEN = Path.of("target/compliance-report-first-screen.png");
    static final Path WHOLE_PAGE = Path.of("target/compliance-report.png");

    /** Debian's Chromium is newer than the DevTools bindings Selenium ships; WebDriver itself does not need them. */
    private static final Logger CDP_VERSION_WARNING = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static ChromeDriver browser;

    private static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void openReport() {
        if (!browserInstalled()) {
            return;
        }
        SampleRun.breaking("EAR-INA-001").writeTo(RUN);
        ComplianceReport.write(RUN);

        CDP_VERSION_WARNING.setLevel(Level.SEVERE);
        // The driver is Debian's; Selenium Manager must not try to download one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                        "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        browser.get(RUN.resolve(ComplianceReport.HTML).toAbsolutePath().toUri().toString());
    }

    /** Each test, not the class, is skipped, so that the build output counts and names every skipped check. */
    @BeforeEach
    void requireBrowser() {
        Assumptions.assumeTrue(browserInstalled(), "Chromium browser test skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                + " is missing (apt-get install chromium chromium-driver)");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheVerdictAndTheRun() {
        WebElement verdict = browser.findElement(By.id("verdict"));
        assertTrue(verdict.getText().startsWith("NOT CONFORMANT"), verdict.getText());
        assertTrue(verdict.getText().contains("1 MUST requirement failed."), verdict.getText());
        List<WebElement> culprits = verdict.findElements(By.cssSelector("a.culprit"));
        assertEquals(1, culprits.size());
        assertEquals("Failed EAR-INA-001 MUST", culprits.get(0).getText().replaceAll("\\s+", " "));
        assertTrue(culprits.get(0).getAttribute("href").endsWith("#req-EAR-INA-001"));
        String run = browser.findElement(By.id("run")).getText();
        assertTrue(run.contains("0.1.0") && run.contains("sample") && run.contains("12.5 s")
                && run.contains("2026-11-28 04:00:00 UTC") && run.contains("http://127.0.0.1:45123/_kit"), run);
        assertEquals("Compliance of sample: NOT CONFORMANT · earkit", browser.getTitle());
    }

    @Test
    void drawsTheChartOfTheAreasWithTheLibraryInlined() {
        Object labels = ((JavascriptExecutor) browser).executeScript(
                "var c = Chart.getChart('area-chart'); return c ? c.data.labels : null;");
        assertEquals(List.of("Key rotation", "Inaccessible keys", "Audit", "Connections", "Key kinds"), labels);
        Object painted = ((JavascriptExecutor) browser).executeScript("""
                var canvas = document.getElementById('area-chart');
                var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) return true; }
                return false;""");
        assertEquals(Boolean.TRUE, painted, "the chart canvas stays blank");
    }

    @Test
    void matrixTracesSentencesToRequirementsScenariosAndStatus() {
        WebElement row = browser.findElement(By.cssSelector("tr.req-row[data-requirement='EAR-INA-001']"));
        assertTrue(row.getText().contains("S26") && row.getText().contains("EAR-INA-001")
                && row.getText().contains("Disabling the customer managed key makes the table inaccessible")
                && row.getText().endsWith("Failed"), row.getText());
        WebElement audit = browser.findElement(By.cssSelector("tr.req-row[data-requirement='EAR-AUD-001']"));
        assertTrue(audit.getText().endsWith("Not applicable"), audit.getText());
        WebElement rotation = browser.findElement(By.cssSelector("tbody[data-sentence='S04'] tr.req-row"));
        assertTrue(rotation.getText().contains("(event: its creation, period: 365)")
                && rotation.getText().contains("(event: its rotation, period: 365)"), rotation.getText());
        // One row per (sentence, requirement) pair of the sample catalogue.
        assertEquals(14, browser.findElements(By.cssSelector("tr.req-row")).size());
        WebElement context = browser.findElement(By.cssSelector("tbody[data-sentence='S18']"));
        assertTrue(context.getText().contains("Context, not observable"), context.getText());
    }

    @Test
    void failureShowsExpectedObservedAndTheRequestHistory() {
        WebElement card = browser.findElement(By.id("req-EAR-INA-001"));
        assertEquals("TableStatus INACCESSIBLE", card.findElement(By.cssSelector(".expected .v")).getText());
        assertEquals("TableStatus ACTIVE", card.findElement(By.cssSelector(".observed .v")).getText());
        assertTrue(card.getText().contains("failed at: Then the table status is \"INACCESSIBLE\""), card.getText());

        WebElement history = card.findElement(By.cssSelector("details.request-history"));
        assertTrue(history.findElement(By.cssSelector("table.history")).getText().isEmpty(), "history starts folded");
        history.findElement(By.tagName("summary")).click();
        String table = history.findElement(By.cssSelector("table.history")).getText();
        assertTrue(table.contains("DisableKey") && table.contains("DescribeTable"), table);
    }

    @Test
    void keepsScreenshotsOfTheFirstScreenAndTheWholePage() throws IOException {
        browser.manage().window().setSize(new Dimension(1280, 1400));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), FIRST_SCREEN, StandardCopyOption.REPLACE_EXISTING);
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height, 12000)));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), WHOLE_PAGE, StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        assertTrue(Files.size(FIRST_SCREEN) > 10_000 && Files.size(WHOLE_PAGE) > Files.size(FIRST_SCREEN),
                "screenshots are empty");
    }
}
