package org.bounceclassifier.mail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text of an HTML notice, one line per block, so that layouts read it like a plain one. Used
 * only for notices that have no text/plain part. jsoup parses HTML the way browsers do, including
 * the broken HTML some mail systems write.
 */
final class HtmlText {
    private HtmlText() {
    }

    static String toText(String html) {
        StringBuilder out = new StringBuilder(html.length() / 2);
        Element body = Jsoup.parse(html).body();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element e && (e.isBlock() || e.nameIs("br"))) {
                    newline(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    newline(out);
                }
            }
        }, body);
        return out.toString().strip();
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
