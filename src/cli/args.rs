//! Command-line arguments (clap derive). Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::query_args::{DateArgs, QueryArgs};

/// Full-text search for news corpora: ranked, highlighted passages with title, source and date.
///
/// Index a folder of articles once, then search it:
///
///   newsdex index corpus/
///   newsdex search "stabilisation force"
///   newsdex search '"Nagorno-Karabakh" OR Garabagh -Armenia' --json
#[derive(Debug, Parser)]
#[command(
    name = "newsdex",
    version,
    about,
    long_about,
    verbatim_doc_comment,
    max_term_width = 100
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read article files under folders into the index: plain text (.txt), Markdown (.md), HTML
    /// pages (.html, .htm), JSON (.json: an article or an array of them), JSON Lines (.jsonl,
    /// .ndjson), CSV and TSV with a header row, TREC SGML (.trec) and Reuters-21578 SGML (.sgm,
    /// .sgml), each also gzipped (.gz).
    ///
    /// Folders are walked recursively; hidden files, a dataset's README/LICENSE/SOURCE files and
    /// TREC relevance judgments or runs are passed over, and --glob/--exclude choose among the
    /// rest. Only new and changed files are read again; each file's articles replace those it
    /// gave before, so nothing is ever duplicated. Files and records that cannot be read are
    /// reported (--report writes them as JSON Lines) and skipped. --field, --glob and --exclude
    /// are remembered in the index's newsdex.toml and reused by later runs.
    Index(IndexArgs),
    /// Rank passages for a query and show them with the matched words highlighted.
    ///
    /// Query syntax: words (every word must match for the top ranks; passages with only some of
    /// them follow), "exact phrase", "phrase"~N (words within N of each other), -word to exclude,
    /// OR between alternatives, parentheses, title:, author: and source: prefixes,
    /// date:2026-01..2026-03, word~1 (fuzzy, for uncertain spellings), prefix*.
    ///
    /// British and American spellings, word forms (stabilise, stabilising, stabilisation) and
    /// diacritics (Qarabağ = Qarabag) match each other. Names in the glossary expand to all
    /// their forms: ISF finds "International Stabilisation Force", Garabagh finds Karabakh and
    /// Qarabağ. The first line of output shows the query as it was run.
    Search(SearchArgs),
    /// Score a TREC run against relevance judgments (qrels), with the numbers trec_eval gives.
    ///
    /// Default metrics: ndcg_cut_10, map, mrr_10, P_10, success_10, recall_100, recall_1000.
    /// Only queries that are both judged and in the run are averaged (trec_eval's default);
    /// --all-queries scores judged queries missing from the run as 0 (trec_eval -c).
    Eval(EvalArgs),
    /// List the glossary a search of the index uses: built-in entries, acronyms the articles
    /// define themselves ("Organisation of Islamic Cooperation (OIC)"), and the user's glossary.
    Glossary(GlossaryArgs),
    /// Print one article whole, rebuilt from its passages, with its title, byline, source, date
    /// and url.
    ///
    /// ARTICLE_ID is the id search shows (`article_id` in JSON). With --highlight, the words a
    /// query matches are lit, as search lights them.
    Show(ShowArgs),
    /// Write every article as the index holds it, one JSON object per line, in id order.
    ///
    /// Fields: id, title, byline, authors (the byline split on ", " and " and "), date, source,
    /// url, path, copy_of, body (paragraphs separated by a blank line).
    Export(ExportArgs),
    /// Figures about the index: articles, passages, copies, top sources, first and last dates,
    /// distinct terms, files, size on disk and when it was last written.
    Stats(StatsArgs),
    /// The stories carried by most outlets and versions: which stories spread, and how far.
    ///
    /// A story is an article and its versions (reprints, updates, trimmed copies), found at
    /// indexing. With a query, only the articles it matches count.
    Stories(StoriesArgs),
    /// Read every file of the index and compare it with the checksum written in it.
    ///
    /// Searching reads only what a query needs and does not check sums, so bytes changed on
    /// disk (a failing drive, a bad copy) can go unnoticed; check finds them. Exit 0 when every
    /// file matches, 2 (naming the files) when one does not: rebuild the index with
    /// `newsdex index --rebuild`.
    Check(CheckArgs),
    /// Count the passages and articles a query matches (every word), in all or per source,
    /// author, year, month or glossary entity.
    Count(CountArgs),
    /// Count the articles one or several queries match per day, ISO week, month or year.
    ///
    /// Every period between the first and the last match is listed, zeros included; articles
    /// without a date are counted apart. Text output draws a bar chart; --svg writes a chart
    /// a browser can show.
    Timeline(TimelineArgs),
    /// Keyword in context: every occurrence of what a query matches, one aligned line each,
    /// with its article and date.
    ///
    /// Occurrences are found as search highlights them, so other word forms, spellings and
    /// glossary expansions (ISF = International Stabilisation Force) count.
    Kwic(KwicArgs),
    /// Serve the index over HTTP: a search page for browsers, a JSON route per view for scripts.
    ///
    /// The page is at /; the routes (/api/search, /api/article/ID, /api/count, /api/timeline,
    /// /api/timeline.svg, /api/kwic, /api/stats, /api/stories, /api/glossary, /api/watch)
    /// answer what the subcommand prints with --format json for the same arguments.
    ///
    /// Binds to 127.0.0.1:7676, reachable from this machine only; there is no authentication,
    /// so bind another address only on a network you trust. An indexing run of the index while
    /// it serves shows at the next request. Ctrl-C stops it.
    Serve(ServeArgs),
    /// Saved searches, and the articles that match each since it was last checked.
    ///
    /// `watch add NAME QUERY` saves one beside the index, `watch list` lists them, `watch rm
    /// NAME` removes one, and `watch` alone shows, for each, the matching articles that arrived
    /// since it was last checked (then remembers them as seen).
    ///
    /// For cron: `newsdex watch --fail-empty` exits 1 when nothing is new, so that a job mails
    /// only news. --peek shows the same without remembering anything.
    Watch(WatchArgs),
    /// The words and two-word phrases most characteristic of the passages a query matches,
    /// against the rest of the index: Dunning's log-likelihood (G²) over the passages holding
    /// each word, with its counts in the results and in the index.
    ///
    /// Words are counted after analysis, so word forms and spellings count together; function
    /// words and numbers are left out.
    Terms(TermsArgs),
    /// The words found near a term more often than their frequency predicts: counts left and
    /// right within a window, Dunning's log-likelihood (G²) against the rest of the index, and
    /// an example line each.
    ///
    /// The term is found as search highlights it (word forms, spellings, glossary forms) and
    /// the words around it are analysed alike, so variants count together; function words and
    /// numbers are left out.
    Collocates(CollocatesArgs),
    /// Write the configuration of a cluster of search-engine nodes on this machine and print its
    /// engine URL (for --engine).
    ///
    /// `engine-config sphinx --shards 3 --base-port 9306 --dir cluster` writes
    /// cluster/node1..3/sphinx.conf: node i answers SphinxQL on the base port + i − 1 and the
    /// agent API on the base port + 100 + i − 1; node 1 also defines the distributed index
    /// `passages` over every shard. Start each with `searchd -c cluster/nodeI/sphinx.conf`.
    EngineConfig(EngineConfigArgs),
}

/// Arguments of `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders or files to index. Without any, every folder the index remembers is brought up
    /// to date.
    #[arg(value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// Start from an empty index (also the way to upgrade an index written by an incompatible version).
    #[arg(long)]
    pub rebuild: bool,
    /// How to read all-numeric dates such as 05/01/2026 (by default they are not guessed).
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
    /// A glossary file (TOML) to store with the index, used by every search of it.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// The language (ISO 639-1 code: en, ru, tr, az, fr, de, ar…) of every article read that
    /// does not state its own in a `language`/`lang` field; by default it is detected from the
    /// text.
    #[arg(long, value_name = "CODE", value_parser = language_code)]
    pub language: Option<newsdex::language::Language>,
    /// Read a role from a named JSON key or CSV column instead of the recognised names
    /// (repeatable): --field title=hed --field body=copy. Roles: title, body, date, author,
    /// source, url, id, language. Remembered by the index; a later --field for a role replaces its field.
    #[arg(long = "field", value_name = "ROLE=NAME")]
    pub fields: Vec<newsdex::ingest::FieldOverride>,
    /// Read only the files this glob matches (repeatable): it is matched against the path under
    /// the folder given and every tail of it after a `/` (--glob '*.sgm', --glob
    /// 'news/**/*.json'); a leading `/` anchors it to the folder given. README*, LICENSE* and
    /// SOURCE* files are read only when a glob names them (--glob 'README*'). Remembered by the
    /// index with --exclude; patterns given replace the remembered ones.
    #[arg(long = "glob", value_name = "PATTERN", value_parser = glob_pattern)]
    pub globs: Vec<String>,
    /// Leave out the files this glob matches, and everything under the folders it matches, at
    /// any depth (repeatable): --exclude 'meta/**' --exclude '*.lc.txt'. Wins over --glob.
    #[arg(long = "exclude", value_name = "PATTERN", value_parser = glob_pattern)]
    pub excludes: Vec<String>,
    /// Write every file and record passed over to FILE, one JSON object per line: path, line,
    /// record, reason (a code such as invalid_json) and message.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// A compressed file that decompresses to more than this is not read (a gzip bomb guard):
    /// bytes, or with a unit (KiB, MiB, GiB, KB, MB, GB).
    #[arg(long, value_parser = byte_count, default_value = "2GiB", value_name = "SIZE")]
    pub max_decompressed: u64,
    /// Then merge the index into one segment (also when nothing changed), so that each search
    /// starts sooner: on a 1 GB corpus a one-off search took 9.5 ms instead of 15.4, after a
    /// 53 s merge on one core (indexing took 200 s on two). It reads the whole index and needs
    /// the disk space of a second copy while it runs; searches meanwhile see the index as it
    /// was.
    #[arg(long, conflicts_with = "engine")]
    pub merge: bool,
    /// Print no progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Work on a cluster of Sphinx 2.2 / Manticore nodes instead of a local index:
    /// sphinx://HOST:PORT,HOST:PORT,… (their SphinxQL ports; see `newsdex engine-config`).
    #[arg(long, value_name = "URL")]
    pub engine: Option<String>,
}

/// Arguments of `newsdex engine-config`.
#[derive(Debug, Args)]
pub struct EngineConfigArgs {
    /// The engine (Sphinx 2.2; Manticore reads the same configuration).
    #[arg(value_enum, value_name = "ENGINE")]
    pub engine: EngineKind,
    /// Number of nodes, one shard each.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub shards: usize,
    /// The SphinxQL port of node 1.
    #[arg(long, default_value_t = 9306, value_name = "PORT")]
    pub base_port: u16,
    /// Where the nodes' configuration, data, logs and pid files go.
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Plain shards built by Sphinx's `indexer` from DIR/nodeI/passages.xml (see `export
    /// --format xmlpipe2 --shard I/N`) instead of real-time ones written by `index --engine`.
    #[arg(long)]
    pub plain: bool,
}

/// Engines `engine-config` writes for.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EngineKind {
    /// Sphinx 2.2 (or Manticore Search).
    Sphinx,
}

/// Arguments of `newsdex eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The run: `qid Q0 docid rank score tag` lines (e.g. from `search --queries F --format trec`).
    #[arg(value_name = "RUN")]
    pub run: PathBuf,
    /// The judgments: `qid iter docid relevance` lines.
    #[arg(value_name = "QRELS")]
    pub qrels: PathBuf,
    /// Metrics to compute, comma-separated (ndcg_cut_K, map, map_cut_K, recip_rank, mrr_K, P_K,
    /// recall_K, success_K).
    #[arg(long, value_delimiter = ',', value_name = "METRICS")]
    pub metrics: Option<Vec<String>>,
    /// Also print each query's values.
    #[arg(long)]
    pub per_query: bool,
    /// Score judged queries that the run lacks as 0 (trec_eval -c).
    #[arg(long)]
    pub all_queries: bool,
    /// The output format: `text` is trec_eval's table.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// Arguments of `newsdex glossary`.
#[derive(Debug, Args)]
pub struct GlossaryArgs {
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// Also a glossary file, as `search --glossary` would use it.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// List only the first N entries.
    #[arg(short = 'n', long = "limit", value_name = "N")]
    pub limit: Option<usize>,
    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// Arguments of `newsdex search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (or give --queries FILE for a batch).
    #[arg(
        value_name = "QUERY",
        allow_hyphen_values = true,
        required_unless_present = "queries"
    )]
    pub query: Option<String>,
    /// Work on a cluster of Sphinx 2.2 / Manticore nodes instead of a local index:
    /// sphinx://HOST:PORT,HOST:PORT,… (their SphinxQL ports; see `newsdex engine-config`).
    #[arg(long, value_name = "URL")]
    pub engine: Option<String>,
    /// Run every query of a topics file: TSV `qid<TAB>query` or JSON Lines {"qid":…,"query":…}.
    /// Queries run in parallel and are read as plain bags of words unless --syntax full.
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub queries: Option<PathBuf>,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// Number of hits to show (per query).
    #[arg(short = 'n', long = "limit", default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Hits to skip before the first one shown (paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    /// Output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Rank passages (default) or articles (default for --format trec): an article is ranked by
    /// its best passage and shown with it.
    #[arg(long, value_enum, value_name = "UNIT")]
    pub unit: Option<UnitArg>,
    /// With --unit passage, at most N passages of one article (0: no limit).
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub per_article: usize,
    /// Order of hits: score, date (oldest first) or -date (newest first).
    #[arg(long, value_enum, default_value_t = SortArg::Score, value_name = "ORDER", allow_hyphen_values = true)]
    pub sort: SortArg,
    /// Fields of each hit to write in json, jsonl, tsv and csv (comma-separated), e.g.
    /// --fields article_id,score,title.
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub fields: Option<Vec<String>>,
    /// Add the breakdown of each hit's score.
    #[arg(long)]
    pub explain: bool,
    /// Pseudo-relevance feedback: run the query, take the rare words that weigh most in its
    /// top 10 passages, add them to the query as optional words, and run it again. Finds
    /// passages that say the same in other words (cocoa: ICCO, buffer stock); the first line
    /// shows the words added. Off by default: it helps topic searches and hurts look-ups of
    /// one known story. Not with --exact or --sort date.
    #[arg(long)]
    pub prf: bool,
    /// Show every version of a story as hits of its own (by default the versions of one story
    /// are folded into its best-scoring one, listed in `versions`; TREC runs and --queries
    /// batches never fold).
    #[arg(long, visible_alias = "versions")]
    pub no_collapse: bool,
    /// Exit with code 1 when nothing matches (as grep does).
    #[arg(long)]
    pub fail_empty: bool,
    /// Leave out timings, so that the same index and query give byte-identical output.
    #[arg(long)]
    pub no_timing: bool,
    /// The run tag of --format trec.
    #[arg(long, default_value = "newsdex", value_name = "TAG")]
    pub run_tag: String,
    /// The document id of --format trec.
    #[arg(long, value_enum, value_name = "FIELD")]
    pub docid_field: Option<DocIdArg>,
    /// How the query is read.
    #[command(flatten)]
    pub reading: QueryArgs,
    /// How to read queries: `full` understands the syntax above, `plain` takes a bag of words.
    /// Default: full for one query, plain for --queries.
    #[arg(long, value_enum, value_name = "SYNTAX")]
    pub syntax: Option<SyntaxArg>,
    /// Which dates count.
    #[command(flatten)]
    pub dates: DateArgs,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// Output formats of `newsdex search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// For people: titles, metadata and highlighted snippets.
    Text,
    /// One JSON object (per batch: {"queries": [...]}).
    Json,
    /// One JSON object per hit and line.
    Jsonl,
    /// Tab-separated rows with a header.
    Tsv,
    /// Comma-separated rows with a header.
    Csv,
    /// A TREC run: qid Q0 docid rank score tag.
    Trec,
}

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    /// A passage.
    Passage,
    /// An article.
    Article,
}

/// Order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best first.
    Score,
    /// Oldest first.
    Date,
    /// Newest first.
    #[value(name = "-date")]
    DateDesc,
}

/// The document id written in TREC runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocIdArg {
    /// The article id (the collection's own id where it has one).
    Id,
    /// The article id plus #passage.
    Passage,
    /// The article's URL.
    Url,
    /// The file path.
    Path,
}

/// A size such as `512`, `64KiB`, `1MiB`, `2GiB` or `500MB`.
fn byte_count(text: &str) -> Result<u64, String> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit_bytes: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        _ => {
            return Err(format!(
                "unknown unit in \"{text}\"; use KiB, MiB, GiB, KB, MB or GB"
            ))
        }
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(unit_bytes))
        .ok_or_else(|| format!("\"{text}\" is not a size (e.g. 2GiB)"))
}

/// A `--glob` or `--exclude` pattern, checked.
fn glob_pattern(text: &str) -> Result<String, String> {
    newsdex::ingest::check_pattern(text)
        .map(|()| text.to_string())
        .map_err(|e| e.to_string())
}

/// How to read a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SyntaxArg {
    /// Phrases, operators, fields.
    Full,
    /// A bag of words.
    Plain,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Reading of all-numeric dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrderArg {
    /// 05/01/2026 is 5 January.
    Dmy,
    /// 05/01/2026 is May 1.
    Mdy,
}

/// Arguments of `newsdex show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id.
    #[arg(value_name = "ARTICLE_ID")]
    pub id: String,
    /// Work on a cluster of Sphinx 2.2 / Manticore nodes instead of a local index:
    /// sphinx://HOST:PORT,HOST:PORT,… (their SphinxQL ports; see `newsdex engine-config`).
    #[arg(long, value_name = "URL")]
    pub engine: Option<String>,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// Light the words this query matches.
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub highlight: Option<String>,
    /// How the --highlight query is read.
    #[command(flatten)]
    pub reading: QueryArgs,
    /// Show what differs from this article to OTHER (another version, by id or path):
    /// paragraphs kept, added (+), removed (-) and changed (~), instead of the body.
    #[arg(long, value_name = "OTHER")]
    pub diff: Option<String>,
    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// Arguments of `newsdex export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// The output format (default jsonl).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ExportFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// With --format xmlpipe2: only the articles of shard I of N (as `index --engine` routes
    /// them over N nodes), e.g. 2/3.
    #[arg(long, value_name = "I/N", value_parser = shard_part)]
    pub shard: Option<(usize, usize)>,
}

/// Parses `I/N` (1 ≤ I ≤ N).
fn shard_part(text: &str) -> Result<(usize, usize), String> {
    let parsed = text
        .split_once('/')
        .and_then(|(i, n)| Some((i.trim().parse().ok()?, n.trim().parse().ok()?)));
    match parsed {
        Some((i, n)) if i >= 1 && i <= n => Ok((i, n)),
        _ => Err(format!("`{text}` is not I/N with 1 ≤ I ≤ N (e.g. 2/3)")),
    }
}

/// Output formats of `newsdex export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per line (JSON Lines).
    Jsonl,
    /// One JSON array of the objects.
    Json,
    /// The passages as Sphinx's `indexer` reads them (an xmlpipe2 stream with its schema), for
    /// the plain shards of `engine-config --plain`.
    Xmlpipe2,
}

/// Arguments of `newsdex stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// How many sources to list.
    #[arg(
        short = 'n',
        long = "limit",
        visible_alias = "top",
        default_value_t = 10,
        value_name = "N"
    )]
    pub limit: usize,
    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// Arguments of `newsdex stories`.
#[derive(Debug, Args)]
pub struct StoriesArgs {
    /// Count only the articles this query matches (all articles without one); dates are
    /// chosen in the query (`date:2026-01`).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// How many stories to list.
    #[arg(
        short = 'n',
        long = "limit",
        visible_alias = "top",
        default_value_t = 10,
        value_name = "N"
    )]
    pub limit: usize,
    /// How the query is read.
    #[command(flatten)]
    pub reading: QueryArgs,
    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// Arguments of `newsdex check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// Output formats of the subcommands that print a report (show, glossary, eval, stats, check,
/// count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Aligned text for people.
    Text,
    /// One JSON object.
    Json,
}

/// Arguments of `newsdex count`.
#[derive(Debug, Args)]
pub struct CountArgs {
    /// The query.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Work on a cluster of Sphinx 2.2 / Manticore nodes instead of a local index:
    /// sphinx://HOST:PORT,HOST:PORT,… (their SphinxQL ports; see `newsdex engine-config`).
    #[arg(long, value_name = "URL")]
    pub engine: Option<String>,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// Also count per value of a facet: source, author (each author a byline names), year,
    /// month, language, or entity (glossary names and mined acronyms, each counted once
    /// whatever form an article uses).
    #[arg(long, value_enum, value_name = "FACET")]
    pub by: Option<CountBy>,
    /// List only the first N rows of the --by table.
    #[arg(short = 'n', long = "limit", value_name = "N")]
    pub limit: Option<usize>,
    /// How the query is read.
    #[command(flatten)]
    pub reading: QueryArgs,
    /// Which dates count.
    #[command(flatten)]
    pub dates: DateArgs,
    /// Articles or stories.
    #[command(flatten)]
    pub unit: UnitArgs,
    /// The output format (csv: the --by table, or the totals).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<CountFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// What `count`, `timeline` and `kwic` count: `--unit article|story`, `--unique-stories`.
#[derive(Debug, Args)]
pub struct UnitArgs {
    /// Count articles, or stories: a story and its versions once, at its earliest matching
    /// version, so that reprints do not inflate a count [default: article].
    #[arg(long, value_enum, value_name = "UNIT")]
    pub unit: Option<CountUnitArg>,
    /// Short for --unit story.
    #[arg(long, alias = "unit-story", conflicts_with = "unit")]
    pub unique_stories: bool,
}

impl UnitArgs {
    /// Whether stories are counted.
    pub fn stories(&self) -> bool {
        self.unique_stories || self.unit == Some(CountUnitArg::Story)
    }
}

/// What `count`, `timeline` and `kwic` count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountUnitArg {
    /// Articles.
    Article,
    /// Stories (an article and its versions once).
    Story,
}

/// What `newsdex count` can break its counts down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountBy {
    /// The outlet.
    Source,
    /// Each author named by the byline.
    Author,
    /// The publication year.
    Year,
    /// The publication month.
    Month,
    /// Each glossary entity mentioned, aliases merged.
    Entity,
    /// The article's language.
    Language,
}

/// Output formats of `newsdex count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountFormat {
    /// Aligned text for people.
    Text,
    /// One JSON object.
    Json,
    /// Comma-separated rows with a header.
    Csv,
}

/// Arguments of `newsdex timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The queries, one series each (after `--` when one starts with a hyphen).
    #[arg(required = true, value_name = "QUERY")]
    pub queries: Vec<String>,
    /// Work on a cluster of Sphinx 2.2 / Manticore nodes instead of a local index:
    /// sphinx://HOST:PORT,HOST:PORT,… (their SphinxQL ports; see `newsdex engine-config`).
    #[arg(long, value_name = "URL")]
    pub engine: Option<String>,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// The length of the periods.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month, value_name = "PERIOD")]
    pub by: PeriodArg,
    /// How the queries are read.
    #[command(flatten)]
    pub reading: QueryArgs,
    /// Which dates count.
    #[command(flatten)]
    pub dates: DateArgs,
    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<TimelineFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Also write the timeline as an SVG chart to this file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Articles or stories (each story in the period of its earliest matching version).
    #[command(flatten)]
    pub unit: UnitArgs,
    /// Show each period's matches as a share of all the articles (or stories, with --unit story) published in it,
    /// beside the counts: attention rather than volume.
    #[arg(long)]
    pub normalize: bool,
}

/// Periods of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Calendar days (2026-01-05).
    Day,
    /// ISO weeks, Monday to Sunday (2026-W02).
    Week,
    /// Calendar months (2026-01).
    Month,
    /// Calendar years (2026).
    Year,
}

/// Output formats of `newsdex timeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// A table with a bar chart, scaled to the terminal.
    Text,
    /// `period,<query1>,<query2>...` with a header line.
    Csv,
    /// One JSON object.
    Json,
}

/// Arguments of `newsdex kwic`.
#[derive(Debug, Args)]
pub struct KwicArgs {
    /// The term (or any query: its matches are the keywords).
    #[arg(value_name = "TERM", allow_hyphen_values = true)]
    pub term: String,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// Characters of context on each side of the keyword (at most 1000).
    #[arg(long, default_value_t = 60, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=1000))]
    pub width: usize,
    /// Order the lines by the words left of the keyword (read leftwards), right of it, or not.
    #[arg(long, value_enum, default_value_t = KwicSortArg::None, value_name = "SIDE")]
    pub sort: KwicSortArg,
    /// At most this many lines.
    #[arg(short = 'n', long = "limit", value_name = "N")]
    pub limit: Option<usize>,
    /// How the term is read.
    #[command(flatten)]
    pub reading: QueryArgs,
    /// Which dates count.
    #[command(flatten)]
    pub dates: DateArgs,
    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<KwicFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Articles or stories (the lines of each story's earliest matching version only).
    #[command(flatten)]
    pub unit: UnitArgs,
}

/// Orders of `newsdex kwic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KwicSortArg {
    /// By the words before the keyword, nearest first.
    Left,
    /// By the words after the keyword.
    Right,
    /// By article id and position.
    None,
}

/// Output formats of `newsdex kwic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KwicFormat {
    /// Aligned lines: left context | keyword | right context, article, date.
    Text,
    /// Tab-separated: article_id, passage, date, left, keyword, right, with a header line.
    Tsv,
    /// One JSON object.
    Json,
}

/// Arguments of `newsdex serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// The address and port to listen on (port 0: any free port). Anything but a loopback
    /// address lets other machines in, without a password.
    #[arg(long, default_value = "127.0.0.1:7676", value_name = "ADDR:PORT")]
    pub bind: std::net::SocketAddr,
    /// Requests answered at once.
    #[arg(long, default_value_t = 8, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=256))]
    pub workers: usize,
}

/// Arguments of `newsdex watch`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct WatchArgs {
    /// Add, list or remove saved searches (without one: check them all).
    #[command(subcommand)]
    pub action: Option<WatchAction>,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// List at most N new articles per saved search.
    #[arg(short = 'n', long = "limit", value_name = "N")]
    pub limit: Option<usize>,
    /// Show what is new without remembering it as seen.
    #[arg(long)]
    pub peek: bool,
    /// Exit with code 1 when no saved search has anything new.
    #[arg(long)]
    pub fail_empty: bool,
    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// What `newsdex watch` does besides checking.
#[derive(Debug, Subcommand)]
pub enum WatchAction {
    /// Save a search; the articles it matches now count as seen, so that checks list only
    /// articles indexed later.
    Add(WatchAddArgs),
    /// List the saved searches.
    List(WatchListArgs),
    /// Remove a saved search.
    Rm(WatchRmArgs),
}

/// Arguments of `newsdex watch add`.
#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// The name to list and remove it by.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The query (the syntax of `newsdex search`).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// Match surface forms only: no stemming, folding, spelling normalisation or expansion.
    #[arg(long)]
    pub exact: bool,
    /// Do not expand glossary names.
    #[arg(long)]
    pub no_expand: bool,
    /// Which dates count.
    #[command(flatten)]
    pub dates: DateArgs,
}

/// Arguments of `newsdex watch list`.
#[derive(Debug, Args)]
pub struct WatchListArgs {
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// Arguments of `newsdex watch rm`.
#[derive(Debug, Args)]
pub struct WatchRmArgs {
    /// The saved search's name.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
}

/// Arguments of `newsdex terms`.
#[derive(Debug, Args)]
pub struct TermsArgs {
    /// The query whose matching passages are compared with the rest of the index.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// How many words and phrases to list.
    #[arg(short = 'n', long = "limit", default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// How the query is read.
    #[command(flatten)]
    pub reading: QueryArgs,
    /// Which dates count.
    #[command(flatten)]
    pub dates: DateArgs,
    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// Arguments of `newsdex collocates`.
#[derive(Debug, Args)]
pub struct CollocatesArgs {
    /// The term (or any query: its matches are the term's occurrences).
    #[arg(value_name = "TERM", allow_hyphen_values = true)]
    pub term: String,
    /// Where the index lives.
    #[command(flatten)]
    pub index: IndexLocation,
    /// Words on each side of the term (1 to 50).
    #[arg(long, default_value_t = 5, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=50))]
    pub window: usize,
    /// How many collocates to list.
    #[arg(short = 'n', long = "limit", default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// How the term is read.
    #[command(flatten)]
    pub reading: QueryArgs,
    /// Which dates count.
    #[command(flatten)]
    pub dates: DateArgs,
    /// The output format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
    /// Short for --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

/// Where the index lives: `--index DIR`, else `NEWSDEX_INDEX`, else `index` in the current folder.
#[derive(Debug, Args)]
pub struct IndexLocation {
    /// The index folder [env: NEWSDEX_INDEX; default: index].
    #[arg(
        long = "index",
        env = "NEWSDEX_INDEX",
        default_value = "index",
        hide_env = true,
        hide_default_value = true,
        value_name = "DIR"
    )]
    pub path: PathBuf,
}

/// The format a subcommand writes: `--format`, else `json` when `--json` is given, else the
/// subcommand's default.
fn chosen<F>(format: Option<F>, json: bool, json_format: F, default: F) -> F {
    match (format, json) {
        (Some(format), _) => format,
        (None, true) => json_format,
        (None, false) => default,
    }
}

/// `format()` for the arguments of a subcommand whose formats are `F`, defaulting to `$default`.
macro_rules! formats {
    ($args:ty, $format:ty, $default:expr) => {
        impl $args {
            /// The output format asked for.
            pub fn format(&self) -> $format {
                chosen(self.format, self.json, <$format>::Json, $default)
            }
        }
    };
}

formats!(SearchArgs, FormatArg, FormatArg::Text);
formats!(ShowArgs, ReportFormat, ReportFormat::Text);
formats!(GlossaryArgs, ReportFormat, ReportFormat::Text);
formats!(EvalArgs, ReportFormat, ReportFormat::Text);
formats!(StatsArgs, ReportFormat, ReportFormat::Text);
formats!(StoriesArgs, ReportFormat, ReportFormat::Text);
formats!(CheckArgs, ReportFormat, ReportFormat::Text);
formats!(CountArgs, CountFormat, CountFormat::Text);
formats!(TimelineArgs, TimelineFormat, TimelineFormat::Text);
formats!(KwicArgs, KwicFormat, KwicFormat::Text);
formats!(TermsArgs, ReportFormat, ReportFormat::Text);
formats!(CollocatesArgs, ReportFormat, ReportFormat::Text);
formats!(ExportArgs, ExportFormat, ExportFormat::Jsonl);
formats!(WatchArgs, ReportFormat, ReportFormat::Text);
formats!(WatchListArgs, ReportFormat, ReportFormat::Text);

/// Reads a language code for `--language`/`--lang`.
pub(crate) fn language_code(text: &str) -> Result<newsdex::language::Language, String> {
    newsdex::language::Language::parse(text).ok_or_else(|| {
        format!(
            "unknown language {text:?}; known: {}",
            newsdex::language::known_codes()
        )
    })
}
