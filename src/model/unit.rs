//! Reporting units (country, province, district, commune…) and their tree.
//!
//! Depth and level names are data: nothing here assumes districts exist.

use std::collections::HashMap;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Unit {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub name_en: String,
    pub level: String,
    pub parent: Option<String>,
}

/// Units indexed by position; position 0 is the root and the order is depth-first, children in
/// file order, so every listing of units is stable.
#[derive(Debug, Clone)]
pub struct UnitTree {
    pub units: Vec<Unit>,
    pub parent: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    by_code: HashMap<String, usize>,
    by_slug: HashMap<String, usize>,
}

impl UnitTree {
    /// Builds the tree from units whose parents are known to be valid and acyclic with exactly one
    /// root (the loader checks this and reports problems first).
    pub fn new(units: Vec<Unit>) -> Self {
        let index: HashMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.as_str(), i))
            .collect();
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
        let mut root = None;
        for (i, u) in units.iter().enumerate() {
            match u.parent.as_deref().and_then(|p| index.get(p)) {
                Some(&p) => kids[p].push(i),
                None => root = root.or(Some(i)),
            }
        }
        let mut order = Vec::with_capacity(units.len());
        let mut stack: Vec<usize> = root.into_iter().collect();
        while let Some(i) = stack.pop() {
            order.push(i);
            stack.extend(kids[i].iter().rev());
        }
        let mut new_pos = vec![usize::MAX; units.len()];
        for (pos, &old) in order.iter().enumerate() {
            new_pos[old] = pos;
        }
        let mut slots: Vec<Option<Unit>> = units.into_iter().map(Some).collect();
        let units: Vec<Unit> = order.iter().filter_map(|&i| slots[i].take()).collect();
        let by_code: HashMap<String, usize> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.clone(), i))
            .collect();
        let by_slug = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.slug.clone(), i))
            .collect();
        let parent: Vec<Option<usize>> = units
            .iter()
            .map(|u| u.parent.as_ref().and_then(|p| by_code.get(p).copied()))
            .collect();
        let mut children = vec![Vec::new(); units.len()];
        for &old in &order {
            if let Some(p) = parent[new_pos[old]] {
                children[p].push(new_pos[old]);
            }
        }
        UnitTree {
            units,
            parent,
            children,
            by_code,
            by_slug,
        }
    }

    pub const ROOT: usize = 0;

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    pub fn get(&self, i: usize) -> &Unit {
        &self.units[i]
    }

    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    pub fn by_slug(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// Ancestors from the parent up to the root.
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.parent[i], move |&p| self.parent[p])
    }

    /// Units so that every child comes before its parent.
    pub fn bottom_up(&self) -> impl Iterator<Item = usize> {
        // Depth-first pre-order reversed puts every descendant before its ancestor.
        (0..self.units.len()).rev()
    }

    pub fn depth(&self, i: usize) -> usize {
        self.ancestors(i).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(code: &str, parent: Option<&str>) -> Unit {
        Unit {
            code: code.into(),
            slug: format!("u{code}"),
            name: code.into(),
            name_en: code.into(),
            level: "district".into(),
            parent: parent.map(Into::into),
        }
    }

    #[test]
    fn orders_depth_first_from_the_root() {
        let t = UnitTree::new(vec![
            unit("099", Some("11")),
            unit("00001", Some("099")),
            unit("11", None),
            unit("100", Some("11")),
        ]);
        let codes: Vec<&str> = t.units.iter().map(|u| u.code.as_str()).collect();
        assert_eq!(codes, ["11", "099", "00001", "100"]);
        assert_eq!(t.children[0], [1, 3]);
        assert_eq!(t.ancestors(2).collect::<Vec<_>>(), [1, 0]);
        assert_eq!(t.depth(2), 2);
        assert_eq!(t.by_slug("u100"), Some(3));
        let order: Vec<usize> = t.bottom_up().collect();
        assert!(order.iter().position(|&i| i == 2) < order.iter().position(|&i| i == 1));
    }
}
