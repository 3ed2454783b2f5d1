package org.denali.ide.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.denali.ide.ui.debug.AttachLaunchTabGroup;
import org.denali.ide.ui.debug.CoreLaunchTabGroup;
import org.denali.ide.ui.help.HelpContexts;
import org.denali.ide.ui.launch.GuestLaunchTabGroup;
import org.denali.ide.ui.tests.support.ErrorLogGuard;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.debug.ui.ILaunchConfigurationTabGroup;
import org.eclipse.help.HelpSystem;
import org.eclipse.help.IContext;
import org.eclipse.help.IHelpResource;
import org.eclipse.help.IToc;
import org.eclipse.help.ITopic;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.cheatsheets.OpenCheatSheetAction;
import org.eclipse.ui.forms.widgets.ExpandableComposite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Denali user guide as Eclipse help: the table of contents generated from docs/, every page it names, the
 * context help (F1) of the Denali views and launch tabs, the help web application Help Contents shows, and the
 * "Your first Denali guest" cheat sheet.
 */
@ExtendWith(ErrorLogGuard.class)
class HelpUiTest {
    private static final String GUIDE = "Denali Studio User Guide";
    private static final String HELP_VIEW = "org.eclipse.help.ui.HelpView";
    private static final String CHEAT_SHEET_VIEW = "org.eclipse.ui.cheatsheets.views.CheatSheetView";
    private static final List<String> VIEW_CONTEXTS = List.of("org.denali.ide.views.scheduler",
            "org.denali.ide.views.registers", "org.denali.ide.views.interrupts", "org.denali.ide.views.swap",
            "org.denali.ide.views.disassembly", "org.denali.ide.views.timeline");
    private static final List<String> TAB_CONTEXTS = List.of(HelpContexts.GUEST_MAIN_TAB, HelpContexts.GUEST_VM_TAB,
            HelpContexts.GUEST_DEVICES_TAB, HelpContexts.DEBUGGER_TAB, HelpContexts.ATTACH_TAB, HelpContexts.CORE_TAB,
            "org.denali.lang.ui.deployment_tab");
    /** Where {@code IWorkbenchHelpSystem.setHelp} keeps a control's context id. */
    private static final String HELP_KEY = "org.eclipse.ui.help";

    @AfterEach
    void closeHelpViews() {
        IWorkbenchPage page = page();
        for (String id : List.of(HELP_VIEW, CHEAT_SHEET_VIEW, "org.denali.ide.views.scheduler")) {
            IViewPart view = page.findView(id);
            if (view != null) {
                page.hideView(view);
            }
        }
    }

    @Test
    void theGuideIsTheTableOfContentsGeneratedFromTheDocs() throws IOException {
        IToc guide = null;
        for (IToc toc : HelpSystem.getTocs()) {
            if (GUIDE.equals(toc.getLabel())) {
                guide = toc;
            }
        }
        assertNotNull(guide, "no toc labelled " + GUIDE);
        List<String> pages = new ArrayList<>();
        for (ITopic topic : guide.getTopics()) {
            pages.add(topic.getLabel());
            assertTrue(page(topic.getHref()).contains("<h1"), topic.getHref() + " has no title");
            for (ITopic section : topic.getSubtopics()) {
                assertAnchorExists(section.getHref());
            }
        }
        assertEquals("Getting started: your first Denali guest", pages.get(0));
        assertTrue(pages.contains("Debugging Denali guests"), pages.toString());
        assertTrue(pages.contains("The Denali views and the kernel monitor"), pages.toString());
    }

    @Test
    void everyDenaliViewAndLaunchTabHasContextHelpWhoseTopicsExist() throws IOException {
        List<String> ids = new ArrayList<>(VIEW_CONTEXTS);
        ids.addAll(TAB_CONTEXTS);
        for (String id : ids) {
            IContext context = HelpSystem.getContext(id);
            assertNotNull(context, "no context help for " + id);
            assertTrue(context.getText() != null && context.getText().length() > 40, id + ": " + context.getText());
            assertTrue(context.getRelatedTopics().length > 0, id + " names no guide page");
            for (IHelpResource topic : context.getRelatedTopics()) {
                assertAnchorExists(topic.getHref());
            }
        }
    }

    @Test
    void everyDenaliTabOfTheGuestAttachAndCoreLaunchDialogsAnswersF1() {
        Shell shell = new Shell(Display.getCurrent());
        try {
            List<String> seen = new ArrayList<>();
            for (ILaunchConfigurationTabGroup group : List.of(new GuestLaunchTabGroup(), new AttachLaunchTabGroup(),
                    new CoreLaunchTabGroup())) {
                group.createTabs(null, ILaunchManager.DEBUG_MODE);
                for (ILaunchConfigurationTab tab : group.getTabs()) {
                    if (!tab.getClass().getName().startsWith("org.denali.")) {
                        continue; // the platform's Source and Common tabs bring their own help
                    }
                    tab.createControl(shell);
                    Object context = tab.getControl().getData(HELP_KEY);
                    assertTrue(tab.getControl().isListening(SWT.Help), tab.getName() + " does not answer F1");
                    assertNotNull(context, tab.getName() + " has no context id");
                    assertNotNull(HelpSystem.getContext((String) context), "no context help " + context);
                    seen.add(tab.getName());
                }
                group.dispose();
            }
            assertTrue(seen.containsAll(List.of("Debugger", "Connection", "Core")), seen.toString());
        } finally {
            shell.dispose();
        }
    }

    @Test
    void f1InADenaliViewOpensTheHelpViewOnItsContext() throws Exception {
        IWorkbenchPage page = page();
        IViewPart scheduler = page.showView("org.denali.ide.views.scheduler");
        scheduler.setFocus();
        drain();
        Control focus = Display.getCurrent().getFocusControl();
        assertNotNull(focus, "nothing has the focus in the Scheduler view");
        // what SWT does with the F1 key: the Help event goes to the focus control or its nearest ancestor that
        // listens for help
        Control listener = focus;
        while (listener != null && !listener.isListening(SWT.Help)) {
            listener = listener.getParent();
        }
        assertNotNull(listener, "no control of the Scheduler view answers F1");
        listener.notifyListeners(SWT.Help, new Event());
        drain();
        assertNotNull(page.findView(HELP_VIEW), "F1 in the Scheduler view did not open the Help view");
    }

    @Test
    void helpContentsIsServedByTheHelpWebApplication() throws Exception {
        // the workbench's help system starts the help web application and says where a topic is served
        URL start = PlatformUI.getWorkbench().getHelpSystem()
                .resolve("/org.denali.ide.help/guide/getting-started.html", true);
        assertNotNull(start, "the help system resolves no URL: no help web application");
        String base = start.getProtocol() + "://" + start.getHost() + ":" + start.getPort() + "/help";
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(base + "/index.jsp")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, index.statusCode(), "the help web application's start page (a JSP)");
        HttpResponse<String> tocFrame = http.send(HttpRequest.newBuilder(
                URI.create(base + "/advanced/tocView.jsp")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tocFrame.statusCode(), "the contents frame (a JSP)");
        // the contents frame fills its tree from this servlet
        HttpResponse<String> tocTree = http.send(HttpRequest.newBuilder(
                URI.create(base + "/advanced/tocfragment")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tocTree.statusCode());
        assertTrue(tocTree.body().contains(GUIDE), "the contents tree does not list the Denali guide: " + tocTree.body());
        HttpResponse<String> topic = http.send(HttpRequest.newBuilder(
                URI.create(base + "/topic/org.denali.ide.help/guide/getting-started.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, topic.statusCode());
        assertTrue(topic.body().contains("Create a guest project"), topic.body());
    }

    @Test
    void theFirstGuestCheatSheetOpens() {
        new OpenCheatSheetAction("org.denali.ide.help.firstGuest").run();
        drain();
        IViewPart view = page().findView(CHEAT_SHEET_VIEW);
        assertNotNull(view, "the Cheat Sheets view did not open");
        // the viewer shows each step as an expandable section titled like the step
        List<String> steps = new ArrayList<>();
        collectSectionTitles(view.getSite().getShell(), steps);
        assertTrue(steps.containsAll(List.of("Create a guest project", "Run it", "Set a breakpoint", "Debug it",
                "Look at the VM in the Denali views")), steps.toString());
    }

    private static void collectSectionTitles(Control control, List<String> into) {
        if (control instanceof ExpandableComposite section && section.getText() != null) {
            into.add(section.getText());
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collectSectionTitles(child, into);
            }
        }
    }

    /** The text of a help resource, read through the help system as the help views read it. */
    private static String page(String href) throws IOException {
        String path = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
        try (InputStream in = HelpSystem.getHelpContent(path)) {
            assertNotNull(in, "no help content at " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertAnchorExists(String href) throws IOException {
        String html = page(href);
        if (href.contains("#")) {
            String anchor = href.substring(href.indexOf('#') + 1);
            assertTrue(html.contains("id=\"" + anchor + "\""), href + ": no such anchor");
        }
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    private static void drain() {
        Display display = Display.getCurrent();
        for (int i = 0; i < 50; i++) {
            while (display.readAndDispatch()) {
                // run what is queued
            }
        }
    }
}
