//! A small document tree built from html5gum's tokens.
//!
//! html5gum tokenizes by the WHATWG rules (entities, raw-text elements, comments); this module
//! builds the tree with a forgiving subset of the tree-construction rules: implied end tags for
//! `p`, `li`, `dt`/`dd`, table parts and `option`, void elements, end tags matched within their
//! scope, and stray end tags ignored. Nesting is capped at [`MAX_DEPTH`], so a hostile page costs
//! time linear in its size, and every walk over the tree is iterative.

use std::collections::HashMap;

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Index of a node in [`Dom::nodes`].
pub(super) type NodeId = usize;

/// Open elements deeper than this are attached to the deepest open element instead of nesting.
const MAX_DEPTH: usize = 256;
/// End tags and implied ends look at most this many open elements up; a closer match further
/// up is treated as absent. Together with [`MAX_DEPTH`] this bounds the work per tag.
const MAX_LOOKUP: usize = 64;

/// The attributes the readers look at; the rest are not stored.
const KEPT_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "role",
    "style",
    "hidden",
    "aria-hidden",
    "rel",
    "href",
    "content",
    "name",
    "property",
    "itemprop",
    "type",
    "datetime",
];

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements that may stay inside an open `head`; any other start tag closes it.
const HEAD_CONTENT: &[&str] = &[
    "base", "link", "meta", "noscript", "script", "style", "template", "title",
];

/// Start tags that close an open `p` (the block-level elements).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Elements an end tag (or an implied end) does not look past.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "marquee", "math", "object", "svg", "table", "td", "template",
    "th",
];
/// [`SCOPE`] plus the list containers, for `li`.
const LIST_SCOPE: &[&str] = &[
    "applet", "caption", "html", "marquee", "math", "object", "ol", "svg", "table", "td",
    "template", "th", "ul",
];
/// [`SCOPE`] plus `button`, for `p`.
const BUTTON_SCOPE: &[&str] = &[
    "applet", "button", "caption", "html", "marquee", "math", "object", "svg", "table", "td",
    "template", "th",
];
/// For table parts: only the table itself bounds them.
const TABLE_SCOPE: &[&str] = &["html", "table", "template"];

/// One node of the tree.
#[derive(Debug)]
pub(super) struct Node {
    /// The enclosing node; `None` only for the document.
    pub parent: Option<NodeId>,
    /// Child nodes in document order.
    pub children: Vec<NodeId>,
    /// What the node is.
    pub kind: NodeKind,
}

/// The kinds of node.
#[derive(Debug)]
pub(super) enum NodeKind {
    /// The root.
    Document,
    /// An element with its lowercase name and kept attributes.
    Element(Element),
    /// Character data, entities decoded, whitespace as in the source.
    Text(String),
}

/// An element: lowercase tag name and the attributes in [`KEPT_ATTRIBUTES`].
#[derive(Debug)]
pub(super) struct Element {
    /// Lowercase tag name.
    pub name: String,
    attributes: Vec<(String, String)>,
}

/// A parsed page. Node 0 is the document.
#[derive(Debug)]
pub(super) struct Dom {
    nodes: Vec<Node>,
}

/// A step of [`Dom::walk`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Visit {
    /// Before a node's children.
    Enter(NodeId),
    /// After a node's children (only for nodes whose children were entered).
    Leave(NodeId),
}

impl Dom {
    /// Parses a page. Never fails: any input gives some tree.
    pub fn parse(html: &str) -> Dom {
        let mut emitter = DefaultEmitter::default();
        emitter.naively_switch_states(true);
        let mut builder = Builder::new();
        for Ok(token) in Tokenizer::new_with_emitter(html, emitter) {
            builder.token(token);
        }
        builder.dom
    }

    /// The document node.
    pub fn root(&self) -> NodeId {
        0
    }

    /// Number of nodes; ids run from 0 to this, parents before their children.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The node with this id.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// The element at `id`, if it is one.
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id].kind {
            NodeKind::Element(element) => Some(element),
            _ => None,
        }
    }

    /// The lowercase tag name at `id`, if it is an element.
    pub fn name(&self, id: NodeId) -> Option<&str> {
        self.element(id).map(|e| e.name.as_str())
    }

    /// All elements in document order.
    pub fn elements(&self) -> impl Iterator<Item = (NodeId, &Element)> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(id, node)| match &node.kind {
                NodeKind::Element(element) => Some((id, element)),
                _ => None,
            })
    }

    /// `id` and every node under it, in document order.
    pub fn descendants(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut stack = vec![id];
        std::iter::from_fn(move || {
            let next = stack.pop()?;
            stack.extend(self.nodes[next].children.iter().rev());
            Some(next)
        })
    }

    /// Whether `ancestor` is `id` or one of its ancestors.
    pub fn contains(&self, ancestor: NodeId, id: NodeId) -> bool {
        self.ancestors(id).any(|a| a == ancestor)
    }

    /// `id`, its parent, and so on up to the document.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(Some(id), move |&n| self.nodes[n].parent)
    }

    /// The text under `id`, whitespace collapsed to single spaces and trimmed.
    pub fn text(&self, id: NodeId) -> String {
        let mut out = String::new();
        for n in self.descendants(id) {
            if let NodeKind::Text(text) = &self.nodes[n].kind {
                out.push_str(text);
            }
        }
        collapse_whitespace(&out)
    }

    /// Walks the tree under `root` in document order. `visit` sees each node on entering it and
    /// returns whether to go into its children; nodes whose children were entered are also seen
    /// on leaving.
    pub fn walk(&self, root: NodeId, mut visit: impl FnMut(Visit) -> bool) {
        let mut stack: Vec<(NodeId, usize)> = Vec::new();
        if visit(Visit::Enter(root)) {
            stack.push((root, 0));
        }
        while let Some((id, next_child)) = stack.last_mut() {
            let id = *id;
            match self.nodes[id].children.get(*next_child) {
                Some(&child) => {
                    *next_child += 1;
                    if visit(Visit::Enter(child)) {
                        stack.push((child, 0));
                    }
                }
                None => {
                    stack.pop();
                    visit(Visit::Leave(id));
                }
            }
        }
    }
}

impl Element {
    /// The value of an attribute (names are lowercase).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Collapses runs of whitespace to one space and trims the ends.
pub(super) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Turns tokens into a [`Dom`].
struct Builder {
    dom: Dom,
    /// The open elements, outermost first; `open[0]` is the document.
    open: Vec<NodeId>,
    /// How many open elements have each name, so that looking for one that is not open costs
    /// nothing.
    open_names: HashMap<String, usize>,
}

impl Builder {
    fn new() -> Self {
        let document = Node {
            parent: None,
            children: Vec::new(),
            kind: NodeKind::Document,
        };
        Builder {
            dom: Dom {
                nodes: vec![document],
            },
            open: vec![0],
            open_names: HashMap::new(),
        }
    }

    fn token(&mut self, token: Token) {
        match token {
            Token::StartTag(tag) => {
                let attributes = tag
                    .attributes
                    .iter()
                    .map(|(name, value)| (lossy(name), lossy(value)))
                    .filter(|(name, _)| KEPT_ATTRIBUTES.contains(&name.as_str()))
                    .collect();
                self.start_tag(lossy(&tag.name), attributes);
            }
            Token::EndTag(tag) => self.end_tag(&lossy(&tag.name)),
            Token::String(text) => self.text(&lossy(&text)),
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }

    fn current(&self) -> NodeId {
        self.open.last().copied().unwrap_or(0)
    }

    fn current_name(&self) -> Option<&str> {
        self.dom.name(self.current())
    }

    fn append(&mut self, kind: NodeKind) -> NodeId {
        let parent = self.current();
        let id = self.dom.nodes.len();
        self.dom.nodes.push(Node {
            parent: Some(parent),
            children: Vec::new(),
            kind,
        });
        self.dom.nodes[parent].children.push(id);
        id
    }

    fn start_tag(&mut self, name: String, attributes: Vec<(String, String)>) {
        let is_root_part = matches!(name.as_str(), "html" | "head" | "body");
        if is_root_part && self.open_near_root(&name).is_some() {
            return;
        }
        if !HEAD_CONTENT.contains(&name.as_str()) {
            self.close_head();
        }
        self.close_implied(&name);
        let opens = !VOID.contains(&name.as_str()) && self.open.len() < MAX_DEPTH;
        if opens {
            *self.open_names.entry(name.clone()).or_default() += 1;
        }
        let id = self.append(NodeKind::Element(Element { name, attributes }));
        if opens {
            self.open.push(id);
        }
    }

    /// Closes the elements that a start tag `name` ends implicitly.
    fn close_implied(&mut self, name: &str) {
        if CLOSES_P.contains(&name) {
            self.close("p", BUTTON_SCOPE);
        }
        match name {
            "li" => self.close("li", LIST_SCOPE),
            "dt" | "dd" => {
                self.close("dt", SCOPE);
                self.close("dd", SCOPE);
            }
            "td" | "th" => {
                self.close("td", TABLE_SCOPE);
                self.close("th", TABLE_SCOPE);
            }
            "tr" => self.close("tr", TABLE_SCOPE),
            "tbody" | "thead" | "tfoot" => {
                for part in ["tbody", "thead", "tfoot"] {
                    self.close(part, TABLE_SCOPE);
                }
            }
            "option" => self.close("option", SCOPE),
            "a" => self.close("a", SCOPE),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if self.current_name().is_some_and(is_heading) =>
            {
                self.truncate(self.open.len() - 1);
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &str) {
        let scope = match name {
            // The body and the document stay open: content after them still belongs to the body.
            "html" | "body" => return,
            "p" => BUTTON_SCOPE,
            "li" => LIST_SCOPE,
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "table" | "caption" => TABLE_SCOPE,
            _ => SCOPE,
        };
        self.close(name, scope);
    }

    /// Pops the open elements down to and including the nearest `name`, if one is open before a
    /// scope boundary.
    fn close(&mut self, name: &str, scope: &[&str]) {
        if let Some(at) = self.find_open(name, scope) {
            self.truncate(at);
        }
    }

    /// Position in [`Builder::open`] of an open `html`, `head` or `body`, which sit right under
    /// the document.
    fn open_near_root(&self, name: &str) -> Option<usize> {
        self.open
            .iter()
            .take(3)
            .position(|&id| self.dom.name(id) == Some(name))
    }

    /// Closes an open `head`.
    fn close_head(&mut self) {
        if let Some(at) = self.open_near_root("head") {
            self.truncate(at);
        }
    }

    /// Closes the open elements from position `at` up.
    fn truncate(&mut self, at: usize) {
        for id in self.open.split_off(at) {
            if let Some(count) = self.dom.name(id).and_then(|n| self.open_names.get_mut(n)) {
                *count = count.saturating_sub(1);
            }
        }
    }

    /// Position in [`Builder::open`] of the nearest open `name` before a boundary in `scope`,
    /// looking at most [`MAX_LOOKUP`] elements up.
    fn find_open(&self, name: &str, scope: &[&str]) -> Option<usize> {
        if self.open_names.get(name).is_none_or(|&count| count == 0) {
            return None;
        }
        let open = self.open.iter().enumerate().rev().take(MAX_LOOKUP);
        for (at, &id) in open {
            // The document has no name: the search ends there.
            let open_name = self.dom.name(id)?;
            if open_name == name {
                return Some(at);
            }
            if scope.contains(&open_name) {
                return None;
            }
        }
        None
    }

    fn text(&mut self, text: &str) {
        if !text.trim().is_empty() && self.current_name() == Some("head") {
            self.close_head();
        }
        let current = self.current();
        if let Some(&last) = self.dom.nodes[current].children.last() {
            if let NodeKind::Text(existing) = &mut self.dom.nodes[last].kind {
                existing.push_str(text);
                return;
            }
        }
        self.append(NodeKind::Text(text.to_string()));
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested names, for comparing shapes: `div(p(#) p(#))`.
    fn shape(dom: &Dom, id: NodeId) -> String {
        let node = dom.node(id);
        let own = match &node.kind {
            NodeKind::Document => "doc".to_string(),
            NodeKind::Element(e) => e.name.clone(),
            NodeKind::Text(_) => return "#".to_string(),
        };
        if node.children.is_empty() {
            return own;
        }
        let inner: Vec<String> = node.children.iter().map(|&c| shape(dom, c)).collect();
        format!("{own}({})", inner.join(" "))
    }

    fn parse_shape(html: &str) -> String {
        let dom = Dom::parse(html);
        shape(&dom, dom.root())
    }

    #[test]
    fn unclosed_paragraphs_and_list_items_close_implicitly() {
        assert_eq!(parse_shape("<p>a<p>b"), "doc(p(#) p(#))");
        assert_eq!(parse_shape("<ul><li>a<li>b</ul>"), "doc(ul(li(#) li(#)))");
        assert_eq!(parse_shape("<p>a<div>b</div>"), "doc(p(#) div(#))");
        assert_eq!(
            parse_shape("<table><tr><td>a<td>b<tr><td>c</table>"),
            "doc(table(tr(td(#) td(#)) tr(td(#))))"
        );
    }

    #[test]
    fn stray_and_misnested_end_tags_are_forgiven() {
        assert_eq!(parse_shape("<div>a</div></div><p>b"), "doc(div(#) p(#))");
        assert_eq!(parse_shape("<div><span>a</div>b"), "doc(div(span(#)) #)");
        assert_eq!(parse_shape("<b><i>a</b>c</i>"), "doc(b(i(#)) #)");
    }

    #[test]
    fn end_tags_do_not_close_across_a_table_cell() {
        assert_eq!(
            parse_shape("<div><table><tr><td>a</div>b</td></tr></table>c</div>"),
            "doc(div(table(tr(td(#))) #))"
        );
    }

    #[test]
    fn head_closes_when_body_content_starts() {
        assert_eq!(
            parse_shape("<html><head><title>t</title><div>x</div>"),
            "doc(html(head(title(#)) div(#)))"
        );
    }

    #[test]
    fn scripts_and_entities_are_tokenized_by_the_standard() {
        let dom =
            Dom::parse("<p>caf&eacute; &amp; <script>if (a < b) { x('</p>') }</script>ok</p>");
        assert_eq!(dom.text(dom.root()), "café & if (a < b) { x('</p>') }ok");
    }

    #[test]
    fn deep_nesting_is_capped() {
        let html = "<div>".repeat(10_000) + "deep" + &"</div>".repeat(10_000);
        let dom = Dom::parse(&html);
        let depth = dom.ancestors(dom.len() - 1).count();
        assert!(depth <= MAX_DEPTH + 1, "depth {depth}");
        assert_eq!(dom.text(dom.root()), "deep");
    }

    #[test]
    fn walk_enters_and_leaves_in_order() {
        let dom = Dom::parse("<div><p>a</p></div>");
        let mut seen = Vec::new();
        dom.walk(dom.root(), |visit| {
            seen.push(visit);
            true
        });
        let names: Vec<String> = seen
            .iter()
            .map(|v| match v {
                Visit::Enter(id) => format!("+{}", dom.name(*id).unwrap_or("_")),
                Visit::Leave(id) => format!("-{}", dom.name(*id).unwrap_or("_")),
            })
            .collect();
        assert_eq!(names, ["+_", "+div", "+p", "+_", "-_", "-p", "-div", "-_"]);
    }
}
