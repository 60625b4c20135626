//! Turning the term ordinals of a string fast field into strings (and back) in bulk.
//!
//! A column's dictionary is an sstable of compressed blocks: looking up one ordinal decodes a
//! whole block, so resolving the ordinals of thousands of articles one at a time decodes
//! thousands of blocks. These helpers walk the dictionary in order instead, decoding each block
//! once.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use tantivy::columnar::StrColumn;
use tantivy::DocId;

use crate::error::Result;

/// Strings by their ordinal in a column's dictionary.
pub(crate) type Strings = FxHashMap<u64, String>;

fn io(error: std::io::Error) -> crate::error::Error {
    tantivy::TantivyError::from(error).into()
}

/// An error of [`resolve`] met inside a collector, as the error tantivy's collectors return.
pub(crate) fn collector_error(error: crate::error::Error) -> tantivy::TantivyError {
    match error {
        crate::error::Error::Index(e) => e,
        other => tantivy::TantivyError::InternalError(other.to_string()),
    }
}

/// The strings of `ords` (any order, repeats allowed), each block of the dictionary decoded once.
pub(crate) fn resolve(column: &StrColumn, ords: impl IntoIterator<Item = u64>) -> Result<Strings> {
    let mut sorted: Vec<u64> = ords.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let strings = strings_in_order(column, &sorted)?;
    Ok(sorted.into_iter().zip(strings).collect())
}

/// The strings of `ords` in `column`, as [`resolve`]; none when the segment lacks the column.
pub(crate) fn resolve_in(
    column: Option<&StrColumn>,
    ords: impl IntoIterator<Item = u64>,
) -> Result<Strings> {
    match column {
        Some(column) => resolve(column, ords),
        None => Ok(Strings::default()),
    }
}

/// The string each of `docs` holds in `column` (its first), the column's dictionary walked once;
/// `None` for a document without one, or for every document when the segment lacks the column.
pub(crate) fn strings_of(column: Option<StrColumn>, docs: &[DocId]) -> Result<Vec<Option<String>>> {
    let Some(column) = column else {
        return Ok(vec![None; docs.len()]);
    };
    let ords: Vec<Option<u64>> = docs
        .iter()
        .map(|&doc| column.term_ords(doc).next())
        .collect();
    let strings = resolve(&column, ords.iter().flatten().copied())?;
    Ok(ords
        .into_iter()
        .map(|ord| ord.and_then(|ord| strings.get(&ord).cloned()))
        .collect())
}

/// The strings of `sorted` (ascending ordinals, no repeats), in that order: one walk through
/// the dictionary. Since a dictionary's ordinals follow its terms' order, so do the strings.
pub(crate) fn strings_in_order(column: &StrColumn, sorted: &[u64]) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(sorted.len());
    column
        .dictionary()
        .sorted_ords_to_term_cb(sorted, |bytes| {
            out.push(String::from_utf8_lossy(bytes).into_owned());
        })
        .map_err(io)?;
    Ok(out)
}

/// The ordinal of each of `keys` (sorted ascending, as a `BTreeMap`'s keys are) that the
/// column's dictionary holds, with the key's index: one walk through the dictionary.
pub(crate) fn ordinals_of<'k>(
    column: &StrColumn,
    keys: impl IntoIterator<Item = &'k str>,
) -> Result<HashMap<u64, usize>> {
    let mut out = HashMap::new();
    let mut keys = keys.into_iter().enumerate().peekable();
    let mut stream = column.dictionary().stream().map_err(io)?;
    let mut more = stream.advance();
    while more {
        let Some(&(i, key)) = keys.peek() else { break };
        match key.as_bytes().cmp(stream.key()) {
            std::cmp::Ordering::Less => {
                keys.next();
            }
            std::cmp::Ordering::Greater => more = stream.advance(),
            std::cmp::Ordering::Equal => {
                out.insert(stream.term_ord(), i);
                keys.next();
                more = stream.advance();
            }
        }
    }
    Ok(out)
}

/// For each term of `b`, the ordinal of the same term in `a` (`None` when `a` lacks it),
/// indexed by `b`'s ordinals: one walk through both dictionaries.
pub(crate) fn same_terms(a: &StrColumn, b: &StrColumn) -> Result<Vec<Option<u64>>> {
    let mut out = vec![None; b.num_terms()];
    let mut left = a.dictionary().stream().map_err(io)?;
    let mut right = b.dictionary().stream().map_err(io)?;
    let (mut has_left, mut has_right) = (left.advance(), right.advance());
    while has_left && has_right {
        match left.key().cmp(right.key()) {
            std::cmp::Ordering::Less => has_left = left.advance(),
            std::cmp::Ordering::Greater => has_right = right.advance(),
            std::cmp::Ordering::Equal => {
                if let Some(slot) = usize::try_from(right.term_ord())
                    .ok()
                    .and_then(|i| out.get_mut(i))
                {
                    *slot = Some(left.term_ord());
                }
                has_left = left.advance();
                has_right = right.advance();
            }
        }
    }
    Ok(out)
}
