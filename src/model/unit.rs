//! Reporting units (country, province, district, commune…) and their tree.
//!
//! Depth and level names are data: nothing here assumes districts exist.

use std::collections::HashMap;

use super::Period;

/// A unit's place in its project's tree. Only the tree hands these out, so a `UnitId` always
/// names a unit of the tree it came from; pages, figures and messages pass these, never bare
/// positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitId(u32);

impl UnitId {
    /// The root of every tree (the province, or the country).
    pub const ROOT: UnitId = UnitId(0);

    /// The position in depth-first order, for tables kept per unit.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The unit at `index` in depth-first order, for tables kept per unit; `index` must be
    /// below the tree's [`UnitTree::len`].
    pub fn from_index(index: usize) -> UnitId {
        UnitId(u32::try_from(index).expect("fewer than 4 billion units"))
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Unit {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub name_en: String,
    pub level: String,
    pub parent: Option<String>,
    /// The first period in which the unit exists; `None`: always.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Period>,
    /// The last period in which the unit exists; `None`: it still exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Period>,
    /// Codes of the units whose land it took over (each ended before this one began).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub formed_from: Vec<String>,
}

impl Unit {
    /// Whether the unit exists at `period`: `from` ≤ `period` ≤ `until`, an empty bound open.
    pub fn lives_at(&self, period: Period) -> bool {
        self.from.is_none_or(|f| f <= period) && self.until.is_none_or(|u| period <= u)
    }

    /// Whether the unit has ended (it has a last period).
    pub fn has_ended(&self) -> bool {
        self.until.is_some()
    }
}

/// The units of a project and how they nest. The root comes first and the order is
/// depth-first, children in file order, so every listing of units is stable.
///
/// Everything about the tree's shape goes through methods (`children`, `parent`, `ancestors`,
/// `bottom_up`): a tree whose units begin and end in time answers the same questions at a
/// period without its callers changing.
#[derive(Debug, Clone)]
pub struct UnitTree {
    units: Vec<Unit>,
    parent: Vec<Option<UnitId>>,
    children: Vec<Vec<UnitId>>,
    /// The units each unit was formed from, and those formed from it.
    formed_from: Vec<Vec<UnitId>>,
    successors: Vec<Vec<UnitId>>,
    by_code: HashMap<String, UnitId>,
    by_slug: HashMap<String, UnitId>,
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
        let by_code: HashMap<String, UnitId> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.clone(), UnitId::from_index(i)))
            .collect();
        let by_slug = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.slug.clone(), UnitId::from_index(i)))
            .collect();
        let parent: Vec<Option<UnitId>> = units
            .iter()
            .map(|u| u.parent.as_ref().and_then(|p| by_code.get(p).copied()))
            .collect();
        let mut children = vec![Vec::new(); units.len()];
        for &old in &order {
            if let Some(p) = parent[new_pos[old]] {
                children[p.index()].push(UnitId::from_index(new_pos[old]));
            }
        }
        let formed_from: Vec<Vec<UnitId>> = units
            .iter()
            .map(|u| {
                u.formed_from
                    .iter()
                    .filter_map(|c| by_code.get(c).copied())
                    .collect()
            })
            .collect();
        let mut successors = vec![Vec::new(); units.len()];
        for (i, sources) in formed_from.iter().enumerate() {
            for s in sources {
                successors[s.index()].push(UnitId::from_index(i));
            }
        }
        UnitTree {
            units,
            parent,
            children,
            formed_from,
            successors,
            by_code,
            by_slug,
        }
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    pub fn get(&self, u: UnitId) -> &Unit {
        &self.units[u.index()]
    }

    /// Every unit, root first, in depth-first order.
    pub fn ids(&self) -> impl ExactSizeIterator<Item = UnitId> + DoubleEndedIterator {
        (0..self.units.len()).map(UnitId::from_index)
    }

    /// Every unit with its id, in depth-first order.
    pub fn iter(&self) -> impl Iterator<Item = (UnitId, &Unit)> {
        self.units
            .iter()
            .enumerate()
            .map(|(i, u)| (UnitId::from_index(i), u))
    }

    pub fn by_code(&self, code: &str) -> Option<UnitId> {
        self.by_code.get(code).copied()
    }

    pub fn by_slug(&self, slug: &str) -> Option<UnitId> {
        self.by_slug.get(slug).copied()
    }

    pub fn parent(&self, u: UnitId) -> Option<UnitId> {
        self.parent[u.index()]
    }

    /// The units directly under `u`, in file order, whenever they were in force.
    pub fn children(&self, u: UnitId) -> &[UnitId] {
        &self.children[u.index()]
    }

    /// Whether `u` exists at `period`: `from` ≤ `period` ≤ `until`; the root always does.
    pub fn in_force(&self, u: UnitId, period: Period) -> bool {
        u == UnitId::ROOT || self.get(u).lives_at(period)
    }

    /// The units whose land `u` took over (its `formed_from`), in the order written.
    pub fn formed_from(&self, u: UnitId) -> &[UnitId] {
        &self.formed_from[u.index()]
    }

    /// The units formed (partly) from `u`'s land, in file order.
    pub fn successors(&self, u: UnitId) -> &[UnitId] {
        &self.successors[u.index()]
    }

    /// The units directly under `u` that were in force at `period`: what a parent's sum at
    /// `period` adds up.
    pub fn children_at(&self, u: UnitId, period: Period) -> impl Iterator<Item = UnitId> + '_ {
        self.children(u)
            .iter()
            .copied()
            .filter(move |&c| self.in_force(c, period))
    }

    pub fn is_leaf(&self, u: UnitId) -> bool {
        self.children[u.index()].is_empty()
    }

    /// Ancestors from the parent up to the root.
    pub fn ancestors(&self, u: UnitId) -> impl Iterator<Item = UnitId> + '_ {
        std::iter::successors(self.parent(u), move |&p| self.parent(p))
    }

    /// Units so that every child comes before its parent.
    pub fn bottom_up(&self) -> impl Iterator<Item = UnitId> {
        // Depth-first pre-order reversed puts every descendant before its ancestor.
        self.ids().rev()
    }

    pub fn depth(&self, u: UnitId) -> usize {
        self.ancestors(u).count()
    }
}

/// One `T` per reporting unit.
pub type PerUnit<T> = super::IdVec<UnitId, T>;

impl super::Id for UnitId {
    fn index(self) -> usize {
        UnitId::index(self)
    }
    fn from_index(index: usize) -> Self {
        UnitId::from_index(index)
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
            from: None,
            until: None,
            formed_from: Vec::new(),
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
        let codes: Vec<&str> = t.iter().map(|(_, u)| u.code.as_str()).collect();
        assert_eq!(codes, ["11", "099", "00001", "100"]);
        let id = UnitId::from_index;
        assert_eq!(t.children(UnitId::ROOT), [id(1), id(3)]);
        assert_eq!(t.parent(id(3)), Some(UnitId::ROOT));
        assert_eq!(t.ancestors(id(2)).collect::<Vec<_>>(), [id(1), id(0)]);
        assert_eq!(t.depth(id(2)), 2);
        assert_eq!(t.by_slug("u100"), Some(id(3)));
        assert!(t.is_leaf(id(2)) && !t.is_leaf(id(1)));
        let order: Vec<UnitId> = t.bottom_up().collect();
        assert!(order.iter().position(|&i| i == id(2)) < order.iter().position(|&i| i == id(1)));
    }
}
