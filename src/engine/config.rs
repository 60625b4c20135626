//! `sphinx.conf` files for a cluster of Sphinx 2.2 / Manticore nodes on one machine.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::passages::{Kind, SCHEMA};

/// The index every node holds, named after the node (`shard1`, …).
pub fn shard_name(node: usize) -> String {
    format!("shard{node}")
}

/// The distributed index node 1 defines over every shard.
pub const DISTRIBUTED_INDEX: &str = "passages";

/// How the shards are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Storage {
    /// Real-time indexes, written by `newsdex index --engine` over SphinxQL.
    #[default]
    RealTime,
    /// Plain indexes, built by Sphinx's `indexer` from `dir/node{i}/passages.xml` (written by
    /// `newsdex export --format xmlpipe2 --shard i/N`); read-only for `index --engine`.
    Plain,
}

/// The file a plain shard is built from.
pub fn xmlpipe_file(dir: &Path, node: usize) -> PathBuf {
    node_dir(dir, node).join("passages.xml")
}

/// The configuration of node `node` (from 1) of `shards`: SphinxQL on `base_port + node - 1`,
/// the agent API on `base_port + 100 + node - 1`, data, log and pid under `dir/node{node}`.
pub fn node_config(
    dir: &Path,
    node: usize,
    shards: usize,
    base_port: u16,
    storage: Storage,
) -> String {
    let home = node_dir(dir, node);
    let home = home.display();
    let shard = shard_name(node);
    let mut out = String::new();
    let _ = writeln!(out, "# newsdex shard {node} of {shards}");
    let prefix = match storage {
        Storage::RealTime => {
            let _ = writeln!(out, "index {shard} {{");
            let _ = writeln!(out, "    type = rt");
            "rt"
        }
        Storage::Plain => {
            let _ = writeln!(out, "source {shard} {{");
            let _ = writeln!(out, "    type = xmlpipe2");
            let file = xmlpipe_file(dir, node);
            let _ = writeln!(out, "    xmlpipe_command = cat {}", file.display());
            let _ = writeln!(out, "    xmlpipe_fixup_utf8 = 1");
            let _ = writeln!(out, "}}\n");
            let _ = writeln!(out, "index {shard} {{");
            let _ = writeln!(out, "    type = plain");
            let _ = writeln!(out, "    source = {shard}");
            // The schema comes with the passages (the export's <sphinx:schema>).
            ""
        }
    };
    let _ = writeln!(out, "    path = {home}/data/{shard}");
    if storage == Storage::RealTime {
        for (name, kind) in SCHEMA {
            let kind = match kind {
                Kind::Field => "field",
                Kind::Text => "attr_string",
                Kind::Uint => "attr_uint",
                Kind::Bigint => "attr_bigint",
            };
            let _ = writeln!(out, "    {prefix}_{kind} = {name}");
        }
    }
    // The analysed terms newsdex writes: no morphology, terms are ASCII words already.
    let _ = writeln!(out, "    morphology = none");
    let _ = writeln!(out, "    min_word_len = 1");
    let _ = writeln!(out, "    index_field_lengths = 1");
    let _ = writeln!(out, "    charset_table = 0..9, a..z, _");
    if storage == Storage::RealTime {
        let _ = writeln!(out, "    rt_mem_limit = 256M");
    }
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
    if storage == Storage::Plain {
        let _ = writeln!(out, "\nindexer {{\n    mem_limit = 256M\n}}");
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
pub fn write_cluster(
    dir: &Path,
    shards: usize,
    base_port: u16,
    storage: Storage,
) -> std::io::Result<String> {
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
            node_config(&dir, node, shards, base_port, storage),
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
        let conf = node_config(Path::new("/c"), 1, 3, 9300, Storage::RealTime);
        assert!(conf.contains("index shard1 {"));
        assert!(conf.contains("agent = 127.0.0.1:9401:shard2"));
        assert!(conf.contains("agent = 127.0.0.1:9402:shard3"));
        assert!(conf.contains("listen = 127.0.0.1:9300:mysql41"));
        assert!(conf.contains("listen = 127.0.0.1:9400\n"));
        assert!(conf.contains("morphology = none"));
        assert!(conf.contains("pid_file = /c/node1/searchd.pid"));
        assert!(conf.contains("rt_attr_uint = day"));
        let other = node_config(Path::new("/c"), 3, 3, 9300, Storage::RealTime);
        assert!(!other.contains("distributed"));
        assert!(other.contains("listen = 127.0.0.1:9302:mysql41"));
    }

    #[test]
    fn plain_shards_read_their_export() {
        let conf = node_config(Path::new("/c"), 2, 3, 9300, Storage::Plain);
        assert!(conf.contains("xmlpipe_command = cat /c/node2/passages.xml"));
        assert!(conf.contains("type = plain"));
        assert!(!conf.contains("rt_"));
        assert!(conf.contains("index_field_lengths = 1"));
    }
}
