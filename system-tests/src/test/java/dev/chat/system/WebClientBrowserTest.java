package dev.chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.common.ids.ChatIds;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web client in real Chromium against the real services: each user a browser of their own
 * (separate profiles), the page served by web-client with the services behind it, as behind the
 * ingress. The steps build on each other: registration, a chat with its ticks, an offline
 * recipient, a group of three, a second tab, message actions, a photo, a stopped gateway, privacy
 * settings and a block, the chat list's settings, deletions for oneself, stars, and one tab seeing
 * another's changes. A screenshot of each screen goes to
 * target/screenshots.
 */
@ExtendWith(SharedCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebClientBrowserTest {

    private static ChatCluster cluster;
    private static String url;
    private static Browser alice;
    private static Browser bob;
    private static Browser carol;
    private static final List<Browser> ALL = new ArrayList<>();

    @BeforeAll
    static void openBrowsers() {
        cluster = SharedCluster.get();
        url = cluster.webClientUrl();
        alice = open("alice");
        bob = open("bob");
    }

    private static Browser open(String name) {
        return open(new Browser(name));
    }

    private static Browser open(Browser browser) {
        ALL.add(browser);
        browser.open(url);
        return browser;
    }

    @AfterEach
    void noScriptFailed(org.junit.jupiter.api.TestInfo test) {
        for (Browser browser : ALL) {
            browser.screenshot("last-" + test.getTestMethod().map(m -> m.getName()).orElse("test") + "-" + browser.name());
            assertEquals(List.of(), browser.scriptErrors(), "errors in the page's scripts");
        }
    }

    @AfterAll
    static void closeBrowsers() {
        ALL.forEach(Browser::close);
    }

    @Test
    @Order(1)
    void twoUsersRegisterFindEachOtherAndSeeTheirMessageStoredDeliveredAndSeen() {
        alice.screenshot("01-welcome");
        String alicePhone = register(alice, "Alice");
        String bobPhone = register(bob, "Bob");
        addContact(alice, bobPhone, "Bob");
        alice.screenshot("02-contacts");
        alice.click("#contacts li[data-phone='" + bobPhone + "']");

        String chatId = ChatIds.direct(userId(alice), userId(bob)).toString();
        alice.await(d -> chatId.equals(alice.find("#inbox li[aria-current='true']").getDomAttribute("data-chat-id")));
        send(alice, "hello Bob");
        WebElement sent = lastMessage(alice);
        assertTrue(sent.getDomAttribute("class").contains("mine"));
        alice.await(d -> "delivered".equals(lastMessage(alice).getDomAttribute("data-status")));

        bob.await(d -> "1".equals(bob.find("#inbox li[data-chat-id='" + chatId + "'] .unread").getText()));
        assertEquals("hello Bob", bob.find("#inbox li[data-chat-id='" + chatId + "'] .preview").getText());
        bob.screenshot("03-inbox");
        bob.click("#inbox li[data-chat-id='" + chatId + "']");
        alice.await(d -> "seen".equals(lastMessage(alice).getDomAttribute("data-status")));
        bob.await(d -> bob.findAll("#inbox li[data-chat-id='" + chatId + "'] .unread").isEmpty());

        // Presence shows to those in one's address book (the default privacy, docs/privacy.md).
        addContact(bob, alicePhone, "Alice");
        bob.find("#composer-input").sendKeys("hi Ali");
        alice.await(d -> "typing…".equals(alice.find("#chat-status").getText()));
        bob.find("#composer-input").sendKeys("ce\n");
        alice.await(d -> "hi Alice".equals(lastMessage(alice).findElement(org.openqa.selenium.By.cssSelector(".body")).getText()));
        alice.await(d -> "online".equals(alice.find("#chat-status").getText()));
        alice.screenshot("04-chat");
    }

    @Test
    @Order(2)
    void theRecipientOfflineGetsEveryMessageOnReturnOnceAndInOrder() {
        bob.open("about:blank"); // the tab's socket closes; its device stays the same
        alice.await(d -> alice.find("#chat-status").getText().startsWith("last seen"));
        List<String> bodies = List.of("while you were out 1", "while you were out 2", "while you were out 3");
        for (String body : bodies) {
            send(alice, body);
        }
        alice.await(d -> bodies.size() == alice.findAll("#messages li.mine[data-status='stored']").size());

        bob.open(url);
        String chatId = ChatIds.direct(userId(alice), userId(bob)).toString();
        bob.await(d -> "3".equals(bob.find("#inbox li[data-chat-id='" + chatId + "'] .unread").getText()));
        bob.click("#inbox li[data-chat-id='" + chatId + "']");
        // The pushed messages and the history before them (read as the chat opens).
        bob.await(d -> bodies(bob).containsAll(bodies) && bodies(bob).size() >= 5);
        List<String> seen = bodies(bob);
        assertEquals(List.of("hello Bob", "hi Alice", bodies.get(0), bodies.get(1), bodies.get(2)), seen,
                "every message once, in the order sent");
        alice.await(d -> alice.findAll("#messages li.mine").stream().allMatch(m -> "seen".equals(m.getDomAttribute("data-status"))));
    }

    @Test
    @Order(3)
    void aGroupOfThreeTalksAndItsAdminManagesIt() {
        carol = open(new Browser("carol", 390, 844)); // a phone-sized screen: the list or the chat
        String carolPhone = register(carol, "Carol");
        addContact(alice, carolPhone, "Carol");
        alice.click("#tab-new-group");
        alice.type("#group-name", "Trip");
        alice.click("#group-candidates input[value='" + userId(bob) + "']");
        alice.click("#group-candidates input[value='" + userId(carol) + "']");
        alice.find("#new-group-form button[type=submit]").click();
        alice.await(d -> "Trip".equals(alice.find("#chat-title").getText()));
        alice.await(d -> alice.find("#messages li.system").getText().equals("You created the group \"Trip\""));

        send(alice, "packing list?");
        for (Browser member : List.of(bob, carol)) {
            member.click("#tab-chats");
            member.await(d -> member.findAll("#inbox li").stream().anyMatch(li -> li.getText().startsWith("Trip")));
            // The list is drawn anew on every frame: find and click in one step, again if it was redrawn meanwhile.
            member.await(d -> member.findAll("#inbox li").stream().filter(li -> li.getText().startsWith("Trip")).findFirst()
                    .map(li -> { li.click(); return true; }).orElse(false));
            member.await(d -> bodies(member).contains("packing list?"));
        }
        carol.screenshot("07-phone");
        send(carol, "tent and stove");
        alice.await(d -> bodies(alice).contains("tent and stove"));
        bob.await(d -> bodies(bob).equals(List.of("packing list?", "tent and stove")));
        bob.await(d -> "Carol".equals(lastMessage(bob).findElement(org.openqa.selenium.By.cssSelector(".sender")).getText()));

        alice.click("#group-info");
        String bobRow = "#members li[data-user-id='" + userId(bob) + "']";
        alice.await(d -> alice.find(bobRow).isDisplayed());
        alice.click(bobRow + " button"); // Make admin
        alice.await(d -> alice.find(bobRow + " span").getText().endsWith("(admin)"));
        alice.screenshot("05-group");
        String carolRow = "#members li[data-user-id='" + userId(carol) + "']";
        alice.await(d -> alice.findAll(carolRow + " button").stream().filter(b -> b.getText().equals("Remove")).findFirst()
                .map(button -> { button.click(); return true; }).orElse(false));
        alice.await(d -> alice.findAll(carolRow).isEmpty());
        alice.await(d -> alice.findAll("#messages li.system").stream().anyMatch(li -> li.getText().equals("You removed Carol")));
        carol.await(d -> carol.find("#chat-status").getText().equals("you are no longer a member"));
        // The inbox line of a pushed system message reads as inbox-service's own (Previews).
        bob.await(d -> bob.findAll("#inbox li").stream().anyMatch(li -> li.getText().startsWith("Trip\nremoved a member")));
        assertTrue(!carol.find("#composer").isDisplayed(), "a removed member cannot write to the group");

        // The admin renames the group: every member's title follows, with a line saying who renamed it.
        alice.await(d -> "Trip".equals(alice.find("#rename-group-input").getDomProperty("value")));
        alice.type("#rename-group-input", "Trip 2026");
        alice.find("#rename-group-form button[type=submit]").click();
        alice.await(d -> alice.findAll("#messages li.system").stream()
                .anyMatch(li -> li.getText().equals("You renamed the group to \"Trip 2026\"")));
        bob.await(d -> "Trip 2026".equals(bob.find("#chat-title").getText()));
        bob.await(d -> bob.findAll("#messages li.system").stream()
                .anyMatch(li -> li.getText().endsWith(" renamed the group to \"Trip 2026\"")));
    }

    @Test
    @Order(4)
    void aSecondTabIsADeviceOfItsOwnThatGetsEveryMessageOfTheAccount() {
        String chatId = ChatIds.direct(userId(alice), userId(bob)).toString();
        String firstDevice = (String) alice.sessionJson("chat.device").get("deviceId");
        String firstTab = alice.openTab(url);
        alice.await(d -> "online".equals(alice.find("#home").getDomAttribute("data-connection")));
        String secondDevice = (String) alice.sessionJson("chat.device").get("deviceId");
        assertNotEquals(firstDevice, secondDevice, "each tab is a device");
        alice.click("#inbox li[data-chat-id='" + chatId + "']");

        bob.click("#tab-chats");
        bob.click("#inbox li[data-chat-id='" + chatId + "']");
        send(bob, "to both of your tabs");
        alice.await(d -> bodies(alice).contains("to both of your tabs"));
        send(alice, "sent from the second tab");
        alice.switchTo(firstTab);
        alice.click("#tab-chats");
        alice.click("#inbox li[data-chat-id='" + chatId + "']");
        alice.await(d -> bodies(alice).containsAll(List.of("to both of your tabs", "sent from the second tab")));
        bob.await(d -> bodies(bob).contains("sent from the second tab"));
        assertEquals(1, bodies(alice).stream().filter("sent from the second tab"::equals).count());
        assertEquals(firstDevice, alice.sessionJson("chat.device").get("deviceId"), "the first tab kept its device");
    }

    @Test
    @Order(5)
    void aReplyAReactionAnEditAndADeletionForEveryoneMadeInOneBrowserShowInTheOther() {
        openAliceAndBobsChat();
        send(alice, "lunch at noon?");
        String id = bob.await(d -> idOf(bob, "lunch at noon?"));
        String message = "#messages li[data-id='" + id + "']";

        bob.click(message + " .reply");
        bob.await(d -> "Replying to: lunch at noon?".equals(bob.find("#composing-text").getText()));
        send(bob, "yes, at noon");
        alice.await(d -> idOf(alice, "yes, at noon") != null);
        String reply = "#messages li[data-id='" + idOf(alice, "yes, at noon") + "']";
        // Each read waits: the list is drawn anew on every frame, so an element found may be gone when read.
        alice.await(d -> alice.find(reply).getText().startsWith("↪ lunch at noon?")); // the reply quotes what it answers
        bob.await(d -> bob.find("#composing").getDomAttribute("hidden") != null); // sent, the composer is plain again

        bob.click(message + " .react");
        bob.click(message + " .picker button[data-emoji='😂']");
        alice.await(d -> "😂".equals(alice.find(message + " .reactions").getText()));
        bob.click(message + " .react"); // another reaction replaces one's first
        bob.click(message + " .picker button[data-emoji='👍']");
        alice.await(d -> "👍".equals(alice.find(message + " .reactions").getText()));
        bob.await(d -> "👍".equals(bob.find(message + " .reactions").getText()));
        assertTrue(bob.findAll(message + " .picker").isEmpty(), "the picker closes once a reaction is chosen");
        // Any emoji, not only the picker's six: typed into the composer, which says what it reacts to.
        bob.click(message + " .react");
        bob.click(message + " .picker button.other");
        bob.await(d -> "Reacting to: lunch at noon?".equals(bob.find("#composing-text").getText()));
        bob.type("#composer-input", "hi");
        bob.find("#composer button[type=submit]").click();
        bob.await(d -> "React with one emoji".equals(bob.find("#notice").getText()));
        // ChromeDriver types only the Basic Multilingual Plane: the emoji is put in as the page's value.
        bob.script("document.getElementById('composer-input').value = arguments[0];", "🦄");
        bob.find("#composer button[type=submit]").click();
        alice.await(d -> "🦄".equals(alice.find(message + " .reactions").getText()));
        bob.await(d -> bob.find("#composing").getDomAttribute("hidden") != null);

        alice.click(message + " .edit");
        alice.await(d -> "Editing: lunch at noon?".equals(alice.find("#composing-text").getText()));
        send(alice, "lunch at one?");
        bob.await(d -> "lunch at one?".equals(bob.find(message + " .body").getText()));
        bob.await(d -> bob.find(message + " .meta").getText().startsWith("edited"));
        assertEquals(1, bodies(alice).stream().filter("lunch at one?"::equals).count(), "an edit changes the message, it sends none");
        bob.screenshot("08-message-actions");

        alice.click(message + " .delete");
        alice.await(d -> "Delete for everyone?".equals(alice.find(message + " .delete").getText()));
        alice.click(message + " .delete");
        for (Browser browser : List.of(alice, bob)) {
            browser.await(d -> browser.find(message).getDomAttribute("class").contains("deleted"));
            // A tombstone: no body, no reactions, no actions but deleting it for oneself.
            browser.await(d -> "This message was deleted".equals(browser.find(message + " .body").getText())
                    && browser.findAll(message + " .reactions").isEmpty()
                    && browser.findAll(message + " .actions button").stream().allMatch(b -> b.getDomAttribute("class").equals("delete-for-me")));
        }
        String bobsReply = "#messages li[data-id='" + idOf(bob, "yes, at noon") + "']";
        bob.await(d -> bob.find(bobsReply).getText().startsWith("↪ This message was deleted")); // the reply stays
    }

    @Test
    @Order(6)
    void aPhotoGoesStraightToTheObjectStoreAndTheRecipientSeesItsPreviewThenThePhotoOnceItsDigestMatches() throws Exception {
        String chatId = ChatIds.direct(userId(alice), userId(bob)).toString();
        Path photo = Files.createTempFile("view", ".png");
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x128c7e);
        ImageIO.write(image, "png", photo.toFile());
        try {
            alice.find("#composer-file").sendKeys(photo.toString());
            alice.await(d -> alice.find("#composing-text").getText().startsWith("Attached: " + photo.getFileName()));
            alice.find("#composer button[type=submit]").click();
            // Nothing shows until the upload is done; then the message, sent, delivered and soon seen.
            alice.await(d -> List.of("delivered", "seen").contains(String.valueOf(lastMessage(alice).getDomAttribute("data-status"))));
            alice.await(d -> lastMessage(alice).findElement(org.openqa.selenium.By.cssSelector(".attachment")).getText()
                    .startsWith("📎 Photo")); // the sender sees what it sent

            bob.await(d -> "Photo".equals(bob.find("#inbox li[data-chat-id='" + chatId + "'] .preview").getText()));
            String message = "#messages li[data-id='" + bob.await(d -> lastMessage(bob).getDomAttribute("data-id")) + "']";
            String photoCheck = "const i = document.querySelector(arguments[0]);"
                    + " return i && i.complete && i.naturalWidth > 0 ? i.naturalWidth : null;";
            // Before any download, the preview the message carries: the photo as the sender's page drew it.
            Object previewWidth = bob.await(d -> bob.script(photoCheck, message + " img.attachment-thumb"));
            assertEquals(3L, previewWidth, "the preview is the photo (3 px wide, under the 96 px bound)");
            bob.click(message + " button.attachment");
            Object width = bob.await(d -> bob.script(photoCheck, message + " img.attachment-image"));
            assertEquals(3L, width, "the downloaded bytes are the photo");
            bob.screenshot("09-photo");

            // Leaving the chat frees the downloaded bytes; back in it, the photo is fetched and checked again.
            bob.click("#tab-chats");
            Object elsewhere = bob.await(d -> bob.script("const other = [...document.querySelectorAll('#inbox li')]"
                    + ".find(l => l.dataset.chatId !== arguments[0]); return other ? other.dataset.chatId : null;", chatId));
            bob.click("#inbox li[data-chat-id='" + elsewhere + "']");
            bob.click("#inbox li[data-chat-id='" + chatId + "']");
            bob.await(d -> bob.findAll(message + " img.attachment-image").isEmpty()
                    && bob.find(message + " button.attachment").getText().startsWith("📎 Photo"));
            bob.click(message + " button.attachment");
            Object widthAgain = bob.await(d -> bob.script(photoCheck, message + " img.attachment-image"));
            assertEquals(3L, widthAgain, "fetched again, the same photo");
        } finally {
            Files.delete(photo);
        }
    }

    @Test
    @Order(7)
    void aStoppedGatewaysClientReconnectsToAnotherWithoutLosingOrDoublingAMessage() throws Exception {
        openAliceAndBobsChat();
        bob.await(d -> "online".equals(bob.find("#home").getDomAttribute("data-connection")));
        String bobDevice = (String) bob.sessionJson("chat.device").get("deviceId");
        int gateway = bob.await(d -> cluster.gatewayHolding(userId(bob), bobDevice) > 0 ? cluster.gatewayHolding(userId(bob), bobDevice) : null);
        List<String> before = bodies(bob);

        Thread stop = new Thread(() -> cluster.stopGateway(gateway));
        stop.start();
        List<String> bodies = List.of("across the move 1", "across the move 2", "across the move 3", "across the move 4");
        try {
            for (String body : bodies) {
                send(alice, body);
            }
            stop.join(60_000);
            bob.await(d -> bodies(bob).containsAll(bodies));
            List<String> expected = new ArrayList<>(before);
            expected.addAll(bodies);
            assertEquals(expected, bodies(bob), "nothing lost, nothing twice, in order");
            alice.await(d -> alice.findAll("#messages li.mine").stream().allMatch(m -> "seen".equals(m.getDomAttribute("data-status"))));
            int now = bob.await(d -> cluster.gatewayHolding(userId(bob), bobDevice) > 0 ? cluster.gatewayHolding(userId(bob), bobDevice) : null);
            assertNotEquals(gateway, now, "Bob's tab moved to another gateway");
            assertEquals(expected.size(), bodies(bob).size());
            bob.screenshot("06-after-gateway-stop");
        } finally {
            stop.join(60_000);
            cluster.restartGateway(gateway);
        }
    }

    @Test
    @Order(8)
    void aUserHidesTheirPresenceAndBlocksAnotherWhoseMessageIsRefusedUntilUnblocked() {
        openAliceAndBobsChat();
        bob.await(d -> "online".equals(bob.find("#chat-status").getText()));

        // Hidden from everyone: Bob's next presence look (every 10 s) shows nothing, not even "last seen".
        alice.click("#tab-settings");
        alice.await(d -> "contacts".equals(alice.find("#privacy-presence").getDomProperty("value")));
        new Select(alice.find("#privacy-presence")).selectByValue("nobody");
        alice.await(d -> "saved".equals(alice.find("#privacy-status").getText()));
        bob.await(d -> bob.find("#chat-status").getText().isEmpty());

        // Alice blocks Bob from their chat; the first click asks, the second blocks.
        alice.click("#block-toggle");
        alice.await(d -> "Block Bob?".equals(alice.find("#block-toggle").getText()));
        alice.click("#block-toggle");
        alice.await(d -> alice.find("#blocked-banner").isDisplayed() && !alice.find("#composer").isDisplayed());
        alice.await(d -> alice.find("#blocked li[data-user-id='" + userId(bob) + "']").getText().startsWith("Bob"));
        alice.await(d -> alice.find("#chat-status").getText().isEmpty()); // a block hides presence both ways
        alice.screenshot("10-settings-and-block");
        // Bob's message is refused: shown as not sent, with the server's reason, and never delivered.
        bob.type("#composer-input", "are you there?");
        bob.find("#composer button[type=submit]").click();
        bob.await(d -> "failed".equals(lastMessage(bob).getDomAttribute("data-status")));
        assertEquals("this user does not accept your messages", bob.find("#notice").getText());

        // Unblocked from the banner, Bob's next message arrives, and the refused one never does.
        alice.click("#unblock-banner");
        alice.await(d -> alice.find("#composer").isDisplayed() && alice.findAll("#blocked li").isEmpty());
        send(bob, "and now?");
        alice.await(d -> bodies(alice).contains("and now?"));
        // Once the later message is stored, the refused one still stands where it was written.
        bob.await(d -> idOf(bob, "and now?") != null && !idOf(bob, "and now?").startsWith("local:"));
        List<String> bobs = bodies(bob);
        assertEquals(List.of("are you there?", "and now?"), bobs.subList(bobs.size() - 2, bobs.size()),
                "a refused message is not moved below what was sent after it");
        assertTrue(!bodies(alice).contains("are you there?"), "a refused message is never delivered");

        // Shown to contacts again: Bob sees Alice online.
        new Select(alice.find("#privacy-presence")).selectByValue("contacts");
        alice.await(d -> "saved".equals(alice.find("#privacy-status").getText()));
        bob.await(d -> "online".equals(bob.find("#chat-status").getText()));
    }

    @Test
    @Order(9)
    void archivedPinnedAndMutedChatsKeepTheirPlaceAcrossMessagesAndAReload() {
        String direct = ChatIds.direct(userId(alice), userId(bob)).toString();
        String directRow = "#inbox li[data-chat-id='" + direct + "']";
        openAliceAndBobsChat();
        alice.click("#archive-toggle");
        alice.await(d -> "Unarchive".equals(alice.find("#archive-toggle").getText()) && alice.findAll(directRow).isEmpty());
        alice.await(d -> alice.find("#archived-toggle").getText().equals("Archived (1)"));

        // The group is pinned and muted; a message to the archived chat leaves it archived, counted as unread.
        String group = groupChatId(alice);
        alice.click("#inbox li[data-chat-id='" + group + "']");
        alice.await(d -> "Trip 2026".equals(alice.find("#chat-title").getText()));
        alice.click("#pin-toggle");
        alice.await(d -> "Unpin".equals(alice.find("#pin-toggle").getText()));
        new Select(alice.find("#mute-select")).selectByValue("8h");
        alice.await(d -> "true".equals(alice.find("#inbox li[data-chat-id='" + group + "']").getDomAttribute("data-muted")));
        send(bob, "archived, not forgotten");
        alice.await(d -> alice.find("#archived-toggle").getText().equals("Archived (1) · 1 unread"));
        assertTrue(alice.findAll(directRow).isEmpty(), "a message does not bring an archived chat back");

        // The settings are the server's: after a reload the page shows them as they were.
        alice.open(url);
        alice.await(d -> "online".equals(alice.find("#home").getDomAttribute("data-connection")));
        alice.await(d -> !alice.findAll("#inbox li").isEmpty()
                && group.equals(alice.findAll("#inbox li").get(0).getDomAttribute("data-chat-id")));
        WebElement pinned = alice.find("#inbox li[data-chat-id='" + group + "']");
        assertEquals("true", pinned.getDomAttribute("data-pinned"));
        assertEquals("true", pinned.getDomAttribute("data-muted"));
        assertTrue(alice.findAll(directRow).isEmpty(), "still archived after a reload");
        alice.screenshot("11-pinned-and-archived");

        // Unarchived from the archive's list, the chat is back among the others, below the pinned group.
        alice.click("#archived-toggle");
        alice.await(d -> "← Chats".equals(alice.find("#archived-toggle").getText()));
        alice.click(directRow);
        alice.await(d -> bodies(alice).contains("archived, not forgotten"));
        alice.click("#archive-toggle");
        alice.await(d -> alice.find("#archived-toggle").getAttribute("hidden") != null);
        alice.await(d -> alice.findAll("#inbox li").size() >= 2
                && direct.equals(alice.findAll("#inbox li").get(1).getDomAttribute("data-chat-id")));

        // The tab's title counts unread chats, but not a muted one.
        alice.await(d -> "Chat".equals(alice.driver().getTitle()));
        bob.click("#inbox li[data-chat-id='" + group + "']");
        send(bob, "to the muted group");
        alice.await(d -> alice.find("#inbox li[data-chat-id='" + group + "'] .unread.muted").getText().equals("1"));
        assertEquals("Chat", alice.driver().getTitle(), "a muted chat's message is not counted in the title");
        alice.click("#inbox li[data-chat-id='" + group + "']");
        bob.click("#inbox li[data-chat-id='" + direct + "']");
        send(bob, "count me");
        alice.await(d -> "(1) Chat".equals(alice.driver().getTitle()));
    }

    @Test
    @Order(10)
    void aMessageDeletedForMeLeavesOnlyThatUsersViewAndStaysGoneAfterAReload() {
        String direct = ChatIds.direct(userId(alice), userId(bob)).toString();
        alice.click("#inbox li[data-chat-id='" + direct + "']");
        alice.await(d -> bodies(alice).contains("count me"));
        String message = "#messages li[data-id='" + idOf(alice, "count me") + "']";
        alice.click(message + " .delete-for-me");
        alice.await(d -> "Delete for me?".equals(alice.find(message + " .delete-for-me").getText()));
        alice.click(message + " .delete-for-me");
        alice.await(d -> !bodies(alice).contains("count me"));
        String rowPreview = "#inbox li[data-chat-id='" + direct + "'] .preview";
        alice.await(d -> !alice.find(rowPreview).getText().equals("count me"));
        assertTrue(bodies(bob).contains("count me"), "the other user keeps the message");

        alice.open(url);
        alice.await(d -> "online".equals(alice.find("#home").getDomAttribute("data-connection")));
        alice.click("#inbox li[data-chat-id='" + direct + "']");
        alice.await(d -> bodies(alice).contains("archived, not forgotten"));
        assertTrue(!bodies(alice).contains("count me"), "gone from the history the server gives after a reload");
        assertTrue(alice.find(rowPreview).getText().isEmpty(), "the list shows no preview of a message deleted for me");
    }

    @Test
    @Order(11)
    void aClearedChatShowsOnlyWhatCameAfterAndADeletedOneLeavesTheListUntilItsNextMessage() {
        String direct = ChatIds.direct(userId(alice), userId(bob)).toString();
        String directRow = "#inbox li[data-chat-id='" + direct + "']";
        openAliceAndBobsChat();
        alice.await(d -> bodies(alice).contains("archived, not forgotten"));
        alice.click("#clear-chat");
        alice.await(d -> "Clear all messages?".equals(alice.find("#clear-chat").getText()));
        alice.click("#clear-chat");
        alice.await(d -> bodies(alice).isEmpty());
        assertTrue(bodies(bob).contains("archived, not forgotten"), "the other user keeps the chat as it was");
        send(bob, "after the clear");
        alice.await(d -> List.of("after the clear").equals(bodies(alice)));

        // A group one is a member of is left before it is deleted, as in WhatsApp.
        String group = groupChatId(alice);
        alice.click("#inbox li[data-chat-id='" + group + "']");
        alice.await(d -> "Trip 2026".equals(alice.find("#chat-title").getText()));
        assertTrue(!alice.find("#delete-chat").isDisplayed(), "no Delete chat for a group one is in");

        alice.click(directRow);
        alice.await(d -> List.of("after the clear").equals(bodies(alice)));
        alice.click("#delete-chat");
        alice.await(d -> "Delete this chat?".equals(alice.find("#delete-chat").getText()));
        alice.click("#delete-chat");
        alice.await(d -> alice.findAll(directRow).isEmpty() && alice.find("#chat").getAttribute("hidden") != null);
        alice.open(url);
        alice.await(d -> "online".equals(alice.find("#home").getDomAttribute("data-connection")));
        alice.await(d -> !alice.findAll("#inbox li").isEmpty());
        assertTrue(alice.findAll(directRow).isEmpty(), "still deleted after a reload");

        // Bob's next message brings the chat back, holding only that message.
        send(bob, "hello again");
        alice.await(d -> !alice.findAll(directRow).isEmpty()
                && alice.find(directRow + " .preview").getText().equals("hello again"));
        alice.click(directRow);
        alice.await(d -> List.of("hello again").equals(bodies(alice)));
        alice.open(url);
        alice.await(d -> "online".equals(alice.find("#home").getDomAttribute("data-connection")));
        alice.click(directRow);
        alice.await(d -> List.of("hello again").equals(bodies(alice)));
    }

    @Test
    @Order(12)
    void aChatMarkedUnreadStaysMarkedAcrossAReloadUntilItIsOpened() {
        String direct = ChatIds.direct(userId(alice), userId(bob)).toString();
        String directRow = "#inbox li[data-chat-id='" + direct + "']";
        alice.click(directRow);
        alice.await(d -> List.of("hello again").equals(bodies(alice)));
        alice.await(d -> "Chat".equals(alice.driver().getTitle()));
        alice.click("#mark-unread");
        alice.await(d -> alice.find("#chat").getAttribute("hidden") != null
                && "true".equals(alice.find(directRow).getDomAttribute("data-marked-unread")));
        assertEquals("•", alice.find(directRow + " .unread").getText());
        alice.await(d -> "(1) Chat".equals(alice.driver().getTitle()));

        alice.open(url);
        alice.await(d -> "online".equals(alice.find("#home").getDomAttribute("data-connection")));
        alice.await(d -> !alice.findAll(directRow).isEmpty()
                && "true".equals(alice.find(directRow).getDomAttribute("data-marked-unread")));
        alice.screenshot("12-marked-unread");

        alice.click(directRow);
        alice.await(d -> "false".equals(alice.find(directRow).getDomAttribute("data-marked-unread"))
                && "Chat".equals(alice.driver().getTitle()));
        alice.open(url);
        alice.await(d -> "online".equals(alice.find("#home").getDomAttribute("data-connection")));
        alice.await(d -> !alice.findAll(directRow).isEmpty());
        assertEquals("false", alice.find(directRow).getDomAttribute("data-marked-unread"), "opening it cleared the mark for good");
    }

    @Test
    @Order(13)
    void withReadReceiptsOffAReadClearsTheReadersCountButTheSenderSeesOnlyDelivered() {
        String direct = ChatIds.direct(userId(alice), userId(bob)).toString();
        String directRow = "#inbox li[data-chat-id='" + direct + "']";
        setReadReceipts(bob, false);
        String group = groupChatId(bob);
        bob.click("#inbox li[data-chat-id='" + group + "']"); // away from the chat with Alice
        alice.click(directRow);
        send(alice, "read quietly");
        alice.await(d -> "delivered".equals(statusOf(alice, "read quietly")));
        bob.await(d -> "1".equals(bob.find(directRow + " .unread").getText()));
        bob.click(directRow);
        bob.await(d -> bodies(bob).contains("read quietly"));

        // The server took Bob's read (after a reload his list counts nothing unread), and told Alice nothing.
        bob.open(url);
        bob.await(d -> "online".equals(bob.find("#home").getDomAttribute("data-connection")));
        bob.await(d -> !bob.findAll(directRow).isEmpty() && bob.findAll(directRow + " .unread").isEmpty());
        assertEquals("delivered", statusOf(alice, "read quietly"));
        alice.open(url);
        alice.await(d -> "online".equals(alice.find("#home").getDomAttribute("data-connection")));
        alice.click(directRow);
        alice.await(d -> bodies(alice).contains("read quietly"));
        assertEquals("delivered", statusOf(alice, "read quietly"), "not marked seen in the history either");

        // Back on, Bob's next read shows as seen.
        setReadReceipts(bob, true);
        bob.click("#tab-chats");
        send(alice, "read loudly");
        bob.await(d -> "1".equals(bob.find(directRow + " .unread").getText()));
        bob.click(directRow);
        alice.await(d -> "seen".equals(statusOf(alice, "read loudly")));
    }

    @Test
    @Order(14)
    void aStarredMessageIsMarkedAcrossAReloadListedUnderStarredAndOpensItsChat() {
        String direct = ChatIds.direct(userId(alice), userId(bob)).toString();
        alice.click("#tab-chats");
        alice.click("#inbox li[data-chat-id='" + direct + "']");
        alice.await(d -> bodies(alice).contains("read quietly"));
        String id = idOf(alice, "read quietly");
        String message = "#messages li[data-id='" + id + "']";
        alice.click(message + " .star");
        alice.await(d -> "Unstar".equals(alice.find(message + " .star").getText())
                && alice.find(message + " .meta").getText().startsWith("★"));

        alice.open(url);
        alice.await(d -> "online".equals(alice.find("#home").getDomAttribute("data-connection")));
        alice.click("#tab-starred");
        String listed = "#starred li[data-id='" + id + "']";
        alice.await(d -> !alice.findAll(listed).isEmpty() && alice.find(listed).getText().contains("read quietly"));
        assertEquals(1, alice.findAll("#starred li").size(), "only the starred message is listed");
        alice.screenshot("14-starred");
        alice.click(listed + " button");
        alice.await(d -> alice.find("#chat").getAttribute("hidden") == null && bodies(alice).contains("read quietly"));
        alice.await(d -> alice.find(message + " .meta").getText().startsWith("★"));
        assertTrue(!bob.find("#messages li[data-id='" + id + "'] .meta").getText().contains("★"), "a star is its user's own");

        alice.click(message + " .star");
        alice.await(d -> "Star".equals(alice.find(message + " .star").getText()));
        alice.click("#tab-starred");
        alice.await(d -> alice.findAll("#starred li").isEmpty() && alice.find("#starred-empty").isDisplayed());
    }

    @Test
    @Order(15)
    void aStarAndAPinMadeInOneTabShowInTheAccountsOtherTabWithoutAReload() {
        String direct = ChatIds.direct(userId(alice), userId(bob)).toString();
        String directRow = "#inbox li[data-chat-id='" + direct + "']";
        String message = "#messages li[data-id='" + idOf(alice, "read quietly") + "']";
        String firstTab = alice.driver().getWindowHandle();
        alice.openTab(url);
        String otherTab = alice.driver().getWindowHandle();
        alice.await(d -> "online".equals(alice.find("#home").getDomAttribute("data-connection")));
        alice.click(directRow);
        alice.await(d -> bodies(alice).contains("read quietly"));
        alice.click(message + " .star");
        alice.await(d -> "Unstar".equals(alice.find(message + " .star").getText()));

        // The first tab got the star while in the background: showing the chat reads no history again.
        alice.switchTo(firstTab);
        alice.click("#tab-chats");
        alice.click(directRow);
        alice.await(d -> alice.find(message + " .meta").getText().startsWith("★")
                && "Unstar".equals(alice.find(message + " .star").getText()));
        alice.click("#pin-toggle");
        alice.await(d -> "Unpin".equals(alice.find("#pin-toggle").getText()));

        alice.switchTo(otherTab);
        alice.await(d -> "true".equals(alice.find(directRow).getDomAttribute("data-pinned")));
        alice.screenshot("15-other-tab");
    }

    /** Turns read receipts on or off in the browser's Settings tab and waits until they are saved. */
    private static void setReadReceipts(Browser browser, boolean on) {
        browser.click("#tab-settings");
        browser.await(d -> String.valueOf(!on).equals(browser.find("#privacy-read-receipts").getDomProperty("checked")));
        browser.click("#privacy-read-receipts");
        browser.await(d -> "saved".equals(browser.find("#privacy-status").getText())
                && String.valueOf(on).equals(browser.find("#privacy-read-receipts").getDomProperty("checked")));
    }

    /** The status (stored, delivered, seen) of the open chat's message with this body. */
    private static String statusOf(Browser browser, String body) {
        String id = idOf(browser, body);
        return id == null ? null : browser.find("#messages li[data-id='" + id + "']").getDomAttribute("data-status");
    }

    /** The chat id of the group "Trip 2026" in a browser's list. */
    private static String groupChatId(Browser browser) {
        browser.click("#tab-chats");
        return browser.await(d -> browser.findAll("#inbox li").stream().filter(li -> li.getText().startsWith("Trip 2026"))
                .findFirst().map(li -> li.getDomAttribute("data-chat-id")).orElse(null));
    }

    /** Opens Alice and Bob's one-to-one chat in both their browsers. */
    private static void openAliceAndBobsChat() {
        String chatId = ChatIds.direct(userId(alice), userId(bob)).toString();
        for (Browser browser : List.of(alice, bob)) {
            browser.click("#tab-chats");
            browser.click("#inbox li[data-chat-id='" + chatId + "']");
        }
    }

    private static String register(Browser browser, String name) {
        String phone = Phones.fresh();
        browser.await(d -> browser.find("#register-form").isDisplayed());
        browser.type("#register-phone", phone);
        browser.type("#register-name", name);
        browser.find("#register-form button[type=submit]").click();
        browser.await(d -> "online".equals(browser.find("#home").getDomAttribute("data-connection")));
        assertEquals(name, browser.find("#me-name").getText());
        return phone;
    }

    private static void addContact(Browser browser, String phone, String name) {
        browser.click("#tab-contacts");
        browser.type("#contact-phone", phone);
        browser.type("#contact-name", name);
        browser.find("#add-contact-form button[type=submit]").click();
        browser.await(d -> browser.find("#contacts li[data-phone='" + phone + "']").getText().startsWith(name));
        assertTrue(!browser.find("#contacts li[data-phone='" + phone + "']").getText().contains("not on Chat yet"));
    }

    private static void send(Browser browser, String body) {
        browser.type("#composer-input", body);
        browser.find("#composer button[type=submit]").click();
        browser.await(d -> bodies(browser).contains(body));
    }

    private static WebElement lastMessage(Browser browser) {
        List<WebElement> messages = browser.findAll("#messages li");
        return messages.get(messages.size() - 1);
    }

    /** The id of the open chat's message with this body, or null while there is none; read in one script, as {@link #bodies}. */
    private static String idOf(Browser browser, String body) {
        return (String) browser.script("for (const li of document.querySelectorAll('#messages li:not(.system)')) {"
                + " const b = li.querySelector('.body'); if (b && b.textContent === arguments[0]) { return li.dataset.id; } }"
                + " return null;", body);
    }

    /**
     * The bodies of the open chat's messages, in the order shown; system messages left out. Read in
     * one script, as one step of the page: the list is drawn anew on every frame, so elements found
     * one call and read the next may be gone.
     */
    @SuppressWarnings("unchecked")
    private static List<String> bodies(Browser browser) {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('#messages li:not(.system) .body')].map(b => b.textContent);");
    }

    private static UUID userId(Browser browser) {
        Map<String, Object> account = browser.localJson("chat.account");
        return UUID.fromString((String) account.get("userId"));
    }
}
