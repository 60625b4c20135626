//! Every article of an index, in id order, rebuilt one at a time so that an export streams.

use std::collections::{btree_map, BTreeMap, HashMap};
use std::path::PathBuf;

use tantivy::{DocAddress, DocId, Searcher};

use super::article::assemble;
use crate::error::Result;
use crate::index::{guarded_at, Fields};
use crate::model::Article;
use crate::search::Session;

/// The articles of an index in id order; each is read from the index when the iterator reaches it.
pub struct ArticleStream {
    searcher: Searcher,
    fields: Fields,
    pending: btree_map::IntoIter<String, Vec<DocAddress>>,
    /// The index read, named when it turns out to be damaged.
    path: PathBuf,
}

impl Iterator for ArticleStream {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        let (_, addresses) = self.pending.next()?;
        Some(guarded_at(&self.path, || {
            assemble(&self.searcher, &self.fields, &addresses)
        }))
    }
}

impl Session<'_> {
    /// Every article of the index, in id order. Only the passages' addresses are gathered up
    /// front (from the article-id fast field); the articles themselves are read as the stream
    /// advances.
    pub fn articles(&self) -> Result<ArticleStream> {
        self.index.guarded(|| {
            let searcher = self.index.searcher()?;
            let name = searcher
                .schema()
                .get_field_name(self.index.fields().article_id);
            let mut by_id: BTreeMap<String, Vec<DocAddress>> = BTreeMap::new();
            let mut buffer = String::new();
            for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
                let segment_ord = u32::try_from(segment_ord).unwrap_or(u32::MAX);
                let Some(ids) = segment.fast_fields().str(name)? else {
                    continue;
                };
                let mut docs: HashMap<u64, Vec<DocId>> = HashMap::new();
                for doc in segment.doc_ids_alive() {
                    if let Some(ord) = ids.term_ords(doc).next() {
                        docs.entry(ord).or_default().push(doc);
                    }
                }
                for (ord, docs) in docs {
                    if ids
                        .ord_to_str(ord, &mut buffer)
                        .map_err(tantivy::TantivyError::from)?
                    {
                        by_id
                            .entry(buffer.clone())
                            .or_default()
                            .extend(docs.into_iter().map(|d| DocAddress::new(segment_ord, d)));
                    }
                }
            }
            Ok(ArticleStream {
                fields: *self.index.fields(),
                searcher,
                pending: by_id.into_iter(),
                path: self.index.path().to_path_buf(),
            })
        })
    }
}

/// The authors named by a byline: split on `, ` and ` and ` (`Jane Doe, John Roe and Ann Poe`
/// gives three names; a leading `and ` of the last name in a serial list is dropped).
pub fn authors(byline: &str) -> Vec<String> {
    byline
        .split(", ")
        .flat_map(|part| part.split(" and "))
        .map(|name| name.trim())
        .map(|name| name.strip_prefix("and ").unwrap_or(name).trim())
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_split_into_authors() {
        assert_eq!(authors("Raza Syed"), ["Raza Syed"]);
        assert_eq!(authors("Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(
            authors("Jane Doe, John Roe and Ann Poe"),
            ["Jane Doe", "John Roe", "Ann Poe"]
        );
        assert_eq!(
            authors("Jane Doe, John Roe, and Ann Poe"),
            ["Jane Doe", "John Roe", "Ann Poe"]
        );
        assert_eq!(authors("Alexander Anderson"), ["Alexander Anderson"]);
        assert!(authors(" , ").is_empty());
    }
}
