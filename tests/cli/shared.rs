//! Tests on the data in `$NEWSDEX_SHARED` (not part of the repository).

use std::path::PathBuf;

use crate::util::{index_folder, newsdex, results};

fn shared(path: &str) -> PathBuf {
    let root =
        std::env::var_os("NEWSDEX_SHARED").expect("NEWSDEX_SHARED names the shared data folder");
    PathBuf::from(root).join(path)
}

#[test]
#[ignore = "needs NEWSDEX_SHARED"]
fn the_seed_article_indexes_with_title_byline_and_without_its_footer() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    index_folder(&shared("seed"), &index);
    let search = |q: &str| -> serde_json::Value {
        let out = newsdex()
            .args(["search", q, "--json", "--index"])
            .arg(&index)
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let json = search("International Stabilisation Force");
    let hit = &results(&json)[0];
    assert_eq!(
        hit["title"],
        "Why Azerbaijan refused to send troops to Gaza [ANALYSIS]"
    );
    assert_eq!(hit["byline"], "Raza Syed");
    assert_eq!(hit["source"], "AzerNews");
    assert_eq!(
        search("subscribing monthly digital access")["total_hits"],
        0
    );
}
