import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns the project's Markdown documentation into the Denali user guide as Eclipse help: one HTML page per
 * Markdown file (rendered by commonmark-java, GitHub tables included), every heading with a stable anchor, and
 * a toc.xml whose topics are the pages and whose subtopics are their second-level headings.
 *
 * <p>Run by the build of org.denali.ide.help (Java's single-file launcher, see its pom.xml), never by hand: the
 * guide is always what {@code docs/} says. Links between the guide's pages are rewritten to the HTML pages;
 * relative links to anything else in the repository (scripts, sources) have no target inside the help system,
 * so they are kept as their text.
 *
 * <p>Usage: {@code DocsToHelp OUT_DIR LABEL FILE.md [FILE.md ...]} — the files in the order of the table of
 * contents; the first is the guide's start page.
 */
public final class DocsToHelp {

    private record Page(Path source, String name, String title, List<Section> sections) {}

    private record Section(String title, String anchor) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: DocsToHelp OUT_DIR LABEL FILE.md [FILE.md ...]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        String label = args[1];
        Map<String, Path> byName = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            Path md = Path.of(args[i]);
            byName.put(pageName(md), md);
        }
        Files.createDirectories(out.resolve("images"));
        List<Extension> extensions = List.of(TablesExtension.create());
        Parser parser = Parser.builder().extensions(extensions).build();
        List<Page> pages = new ArrayList<>();
        Set<Path> images = new LinkedHashSet<>();
        for (Map.Entry<String, Path> e : byName.entrySet()) {
            Path md = e.getValue();
            Node document = parser.parse(Files.readString(md, StandardCharsets.UTF_8));
            Map<Heading, String> anchors = anchors(document);
            rewriteLinks(document, md, byName.keySet(), images);
            HtmlRenderer renderer = HtmlRenderer.builder().extensions(extensions)
                    .attributeProviderFactory(context -> (node, tag, attributes) -> {
                        if (node instanceof Heading h && anchors.containsKey(h)) {
                            attributes.put("id", anchors.get(h));
                        }
                    }).build();
            String title = null;
            List<Section> sections = new ArrayList<>();
            for (Map.Entry<Heading, String> a : anchors.entrySet()) {
                Heading h = a.getKey();
                if (h.getLevel() == 1 && title == null) {
                    title = text(h);
                } else if (h.getLevel() == 2) {
                    sections.add(new Section(text(h), a.getValue()));
                }
            }
            if (title == null) {
                title = e.getKey();
            }
            String body = renderer.render(document);
            Files.writeString(out.resolve(e.getKey() + ".html"), page(title, body), StandardCharsets.UTF_8);
            pages.add(new Page(md, e.getKey(), title, sections));
        }
        for (Path image : images) {
            Files.copy(image, out.resolve("images").resolve(image.getFileName().toString()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(out.resolve("toc.xml"), toc(label, out.getFileName().toString(), pages),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("guide.css"), CSS, StandardCharsets.UTF_8);
        System.out.println("DocsToHelp: " + pages.size() + " pages, " + images.size() + " images -> " + out);
    }

    /** A page's file name: README.md is the guide's overview page, the others keep their names. */
    private static String pageName(Path md) {
        String file = md.getFileName().toString();
        String base = file.substring(0, file.length() - ".md".length());
        return base.equals("README") ? "overview" : base;
    }

    /** Anchors for every heading, in document order, the way GitHub derives them (lower case, dashes). */
    private static Map<Heading, String> anchors(Node document) {
        IdGenerator ids = IdGenerator.builder().build();
        Map<Heading, String> ordered = new LinkedHashMap<>(); // Heading keeps Object's identity equals
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                String id = ids.generateId(text(heading));
                ordered.put(heading, id);
            }
        });
        return ordered;
    }

    private static String text(Node node) {
        StringBuilder sb = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                sb.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                sb.append(code.getLiteral());
            }
        });
        return sb.toString();
    }

    private static void rewriteLinks(Node document, Path md, Set<String> pageNames, Set<Path> images) {
        List<Link> unlink = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                String dest = link.getDestination();
                if (!isRelative(dest)) {
                    visitChildren(link);
                    return;
                }
                String path = dest.contains("#") ? dest.substring(0, dest.indexOf('#')) : dest;
                String fragment = dest.contains("#") ? dest.substring(dest.indexOf('#')) : "";
                if (path.isEmpty()) {
                    visitChildren(link);
                    return;
                }
                Path target = md.getParent().resolve(path).normalize();
                if (target.getFileName().toString().endsWith(".md") && pageNames.contains(pageName(target))) {
                    link.setDestination(pageName(target) + ".html" + fragment);
                } else if (isImage(path) && Files.isRegularFile(target)) {
                    images.add(target);
                    link.setDestination("images/" + target.getFileName());
                } else {
                    unlink.add(link);
                }
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                String dest = image.getDestination();
                if (isRelative(dest)) {
                    Path target = md.getParent().resolve(dest).normalize();
                    if (Files.isRegularFile(target)) {
                        images.add(target);
                        image.setDestination("images/" + target.getFileName());
                    }
                }
                visitChildren(image);
            }
        });
        for (Link link : unlink) {
            Node child = link.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                link.insertBefore(child);
                child = next;
            }
            link.unlink();
        }
    }

    private static boolean isRelative(String dest) {
        return !(dest.startsWith("http:") || dest.startsWith("https:") || dest.startsWith("mailto:")
                || dest.startsWith("/"));
    }

    private static boolean isImage(String path) {
        return path.endsWith(".png") || path.endsWith(".svg") || path.endsWith(".jpg");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><link rel=\"stylesheet\" href=\"guide.css\"></head>\n<body>\n" + body
                + "</body></html>\n";
    }

    private static String toc(String label, String dir, List<Page> pages) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?NLS TYPE=\"org.eclipse.help.toc\"?>\n");
        sb.append("<!-- GENERATED from the project's Markdown by DocsToHelp (org.denali.ide.help). -->\n");
        sb.append("<toc label=\"").append(escape(label)).append("\" topic=\"").append(dir).append('/')
                .append(pages.get(0).name()).append(".html\">\n");
        for (Page p : pages) {
            String href = dir + "/" + p.name() + ".html";
            sb.append("  <topic label=\"").append(escape(p.title())).append("\" href=\"").append(href)
                    .append("\">\n");
            for (Section s : p.sections()) {
                sb.append("    <topic label=\"").append(escape(s.title())).append("\" href=\"").append(href)
                        .append('#').append(s.anchor()).append("\"/>\n");
            }
            sb.append("  </topic>\n");
        }
        sb.append("</toc>\n");
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            body { font-family: sans-serif; font-size: 10pt; line-height: 1.45; margin: 1em 1.5em; max-width: 60em; }
            h1 { font-size: 1.6em; border-bottom: 1px solid #ccc; } h2 { font-size: 1.3em; margin-top: 1.6em; }
            code, pre { font-family: monospace; background: #f4f4f4; } pre { padding: .6em; overflow-x: auto; }
            table { border-collapse: collapse; margin: .8em 0; } th, td { border: 1px solid #ccc; padding: .25em .5em; vertical-align: top; }
            th { background: #eee; } img { max-width: 100%; border: 1px solid #ddd; }
            """;

    private DocsToHelp() {
    }
}
