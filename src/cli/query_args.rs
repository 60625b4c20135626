//! The flags that shape how the views read a query, shared by the subcommands that take one
//! (flattened into their arguments) and turned into [`SearchOptions`].

use std::path::PathBuf;

use clap::Args;
use newsdex::SearchOptions;

/// How a query is read.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Do not expand glossary names (stemming, folding and spelling normalisation still apply).
    #[arg(long)]
    pub no_expand: bool,
    /// Match surface forms only: no stemming, folding, spelling normalisation or expansion.
    #[arg(long)]
    pub exact: bool,
    /// A glossary file (TOML) used on top of the index's own.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
}

impl QueryArgs {
    /// The search options these flags ask for (no date limits).
    pub fn options(&self) -> SearchOptions {
        SearchOptions {
            expand: !self.no_expand,
            exact: self.exact,
            glossary: self.glossary.clone(),
            ..SearchOptions::default()
        }
    }
}
