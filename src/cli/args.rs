//! Command-line arguments (clap derive). Doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use time::Date;

/// Full-text search for news corpora: ranked, highlighted passages with title, source and date.
///
/// Index a folder of articles once, then search it:
///
///   newsdex index corpus/
///   newsdex search "stabilisation force"
///   newsdex search '"Nagorno-Karabakh" OR Garabagh -Armenia' --json
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read article files (.txt, .md) under folders into the index.
    ///
    /// Folders are walked recursively; hidden files and a dataset's README/LICENSE/SOURCE files
    /// are passed over. Each file's articles replace those it gave before, so re-running on the
    /// same folder never duplicates anything. Files that cannot be read are reported and skipped.
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
}

/// Arguments of `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders or files to index.
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Where the index lives.
    #[arg(long, default_value = "index", value_name = "DIR")]
    pub index: PathBuf,
    /// Start from an empty index (also the way to upgrade an index written by an incompatible version).
    #[arg(long)]
    pub rebuild: bool,
    /// How to read all-numeric dates such as 05/01/2026 (by default they are not guessed).
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
    /// A glossary file (TOML) to store with the index, used by every search of it.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Print no progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
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
    /// Print JSON instead of trec_eval's table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `newsdex glossary`.
#[derive(Debug, Args)]
pub struct GlossaryArgs {
    /// Where the index lives.
    #[arg(long, default_value = "index", value_name = "DIR")]
    pub index: PathBuf,
    /// Also a glossary file, as `search --glossary` would use it.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
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
    /// Run every query of a topics file: TSV `qid<TAB>query` or JSON Lines {"qid":…,"query":…}.
    /// Queries run in parallel and are read as plain bags of words unless --syntax full.
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub queries: Option<PathBuf>,
    /// Where the index lives.
    #[arg(long, default_value = "index", value_name = "DIR")]
    pub index: PathBuf,
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
    /// Do not expand glossary names (stemming, folding and spelling normalisation still apply).
    #[arg(long)]
    pub no_expand: bool,
    /// Match surface forms only: no stemming, folding, spelling normalisation or expansion
    /// ("organisation" but not "organization").
    #[arg(long)]
    pub exact: bool,
    /// How to read queries: `full` understands the syntax above, `plain` takes a bag of words.
    /// Default: full for one query, plain for --queries.
    #[arg(long, value_enum, value_name = "SYNTAX")]
    pub syntax: Option<SyntaxArg>,
    /// Only articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = first_day, value_name = "DATE")]
    pub since: Option<Date>,
    /// Only articles published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD; a month or
    /// year includes all its days).
    #[arg(long, value_parser = last_day, value_name = "DATE")]
    pub until: Option<Date>,
    /// A glossary file (TOML) used on top of the index's own.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
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

/// How to read a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SyntaxArg {
    /// Phrases, operators, fields.
    Full,
    /// A bag of words.
    Plain,
}

fn period_arg(text: &str, last: bool) -> Result<Date, String> {
    newsdex::search::period(text, last)
        .ok_or_else(|| format!("bad date \"{text}\"; dates are YYYY, YYYY-MM or YYYY-MM-DD"))
}

fn first_day(text: &str) -> Result<Date, String> {
    period_arg(text, false)
}

fn last_day(text: &str) -> Result<Date, String> {
    period_arg(text, true)
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
