//! `sphinx.conf` files for a cluster of Sphinx 2.2 / Manticore nodes on one machine.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The RT index every node holds, named after the node (`shard1`, …).
pub fn shard_name(node: usize) -> String {
    format!("shard{node}")
}

/// The distributed index node 1 defines over every shard.
pub const DISTRIBUTED_INDEX: &str = "passages";

/// The configuration of node `node` (from 1) of `shards`: SphinxQL on `base_port + node - 1`,
/// the agent API on `base_port + 100 + node - 1`, data, log and pid under `dir/node{node}`.
pub fn node_config(dir: &Path, node: usize, shards: usize, base_port: u16) -> String {
    let home = node_dir(dir, node);
    let home = home.display();
    let mut out = String::new();
    let _ = writeln!(out, "# newsdex shard {node} of {shards}");
    let _ = writeln!(out, "index {} {{", shard_name(node));
    let _ = writeln!(out, "    type = rt");
    let _ = writeln!(out, "    path = {home}/data/{}", shard_name(node));
    // The analysed terms newsdex writes: no morphology, terms are ASCII words already.
    for field in ["terms", "title_terms", "source_terms", "author_terms"] {
        let _ = writeln!(out, "    rt_field = {field}");
    }
    for attribute in [
        "article_id",
        "title",
        "text",
        "byline",
        "source",
        "date_text",
        "url",
        "path",
        "story",
        "language",
    ] {
        let _ = writeln!(out, "    rt_attr_string = {attribute}");
    }
    // The passage's number and byte span in the body; the day is the Julian day of the
    // article's UTC date (0 when undated), grouped on by timelines.
    for attribute in ["passage", "span_start", "span_end", "day"] {
        let _ = writeln!(out, "    rt_attr_uint = {attribute}");
    }
    for attribute in ["date_ts", "has_date", "file_hash", "article_hash"] {
        let _ = writeln!(out, "    rt_attr_bigint = {attribute}");
    }
    let _ = writeln!(out, "    morphology = none");
    let _ = writeln!(out, "    min_word_len = 1");
    let _ = writeln!(out, "    index_field_lengths = 1");
    let _ = writeln!(out, "    charset_table = 0..9, a..z, _");
    let _ = writeln!(out, "    rt_mem_limit = 256M");
    let _ = writeln!(out, "}}");
    if node == 1 {
        let _ = writeln!(out, "\nindex {DISTRIBUTED_INDEX} {{");
        let _ = writeln!(out, "    type = distributed");
        let _ = writeln!(out, "    local = {}", shard_name(1));
        for other in 2..=shards {
            let port = agent_port(base_port, other);
            let _ = writeln!(out, "    agent = 127.0.0.1:{port}:{}", shard_name(other));
        }
        let _ = writeln!(out, "    agent_connect_timeout = 300");
        let _ = writeln!(out, "    agent_query_timeout = 10000");
        let _ = writeln!(out, "}}");
    }
    let _ = writeln!(out, "\nsearchd {{");
    let _ = writeln!(
        out,
        "    listen = 127.0.0.1:{}:mysql41",
        sphinxql_port(base_port, node)
    );
    let _ = writeln!(
        out,
        "    listen = 127.0.0.1:{}",
        agent_port(base_port, node)
    );
    let _ = writeln!(out, "    log = {home}/searchd.log");
    let _ = writeln!(out, "    query_log = {home}/query.log");
    let _ = writeln!(out, "    pid_file = {home}/searchd.pid");
    let _ = writeln!(out, "    binlog_path = {home}/binlog");
    let _ = writeln!(out, "    workers = threads");
    let _ = writeln!(out, "    read_timeout = 5");
    let _ = writeln!(out, "}}");
    out
}

/// The SphinxQL port of node `node`.
pub fn sphinxql_port(base_port: u16, node: usize) -> u16 {
    base_port + node as u16 - 1
}

/// The agent API port of node `node`.
pub fn agent_port(base_port: u16, node: usize) -> u16 {
    base_port + 100 + node as u16 - 1
}

/// `dir/node{node}`.
pub fn node_dir(dir: &Path, node: usize) -> PathBuf {
    dir.join(format!("node{node}"))
}

/// Writes `dir/node1..=shards/sphinx.conf` (and the data and binlog folders) and returns the
/// engine URL, `sphinx://127.0.0.1:P,127.0.0.1:P+1,…`.
pub fn write_cluster(dir: &Path, shards: usize, base_port: u16) -> std::io::Result<String> {
    if shards == 0 || usize::from(base_port) + 100 + shards > usize::from(u16::MAX) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the shards' ports must lie below 65536 (--base-port + 100 + --shards)",
        ));
    }
    let dir = std::path::absolute(dir)?;
    let mut addresses = Vec::new();
    for node in 1..=shards {
        let home = node_dir(&dir, node);
        std::fs::create_dir_all(home.join("data"))?;
        std::fs::create_dir_all(home.join("binlog"))?;
        std::fs::write(
            home.join("sphinx.conf"),
            node_config(&dir, node, shards, base_port),
        )?;
        addresses.push(format!("127.0.0.1:{}", sphinxql_port(base_port, node)));
    }
    Ok(format!("sphinx://{}", addresses.join(",")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_one_holds_the_distributed_index() {
        let conf = node_config(Path::new("/c"), 1, 3, 9300);
        assert!(conf.contains("index shard1 {"));
        assert!(conf.contains("agent = 127.0.0.1:9401:shard2"));
        assert!(conf.contains("agent = 127.0.0.1:9402:shard3"));
        assert!(conf.contains("listen = 127.0.0.1:9300:mysql41"));
        assert!(conf.contains("listen = 127.0.0.1:9400\n"));
        assert!(conf.contains("morphology = none"));
        assert!(conf.contains("pid_file = /c/node1/searchd.pid"));
        let other = node_config(Path::new("/c"), 3, 3, 9300);
        assert!(!other.contains("distributed"));
        assert!(other.contains("listen = 127.0.0.1:9302:mysql41"));
    }
}
