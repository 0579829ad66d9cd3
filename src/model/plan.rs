//! Plans: sets of yearly targets with a first and a final year (the province's 2021–2025 plan,
//! its 2026–2030 plan). A target row of year Y belongs to the plan whose years hold Y; progress
//! is measured per plan.

use super::{IdVec, Period};

/// A plan's place in the project's list of plans (in time order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlanId(u32);

impl PlanId {
    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub fn from_index(index: usize) -> PlanId {
        PlanId(u32::try_from(index).expect("fewer than 4 billion plans"))
    }
}

/// One `T` per plan.
pub type PerPlan<T> = IdVec<PlanId, T>;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Plan {
    /// The `id` of `chiso.toml` (`[a-z0-9-]+`), published in `progress.csv`.
    pub code: String,
    pub name: String,
    pub name_en: String,
    /// The plan's first year.
    pub from: i32,
    /// Its final year: the year of its final targets.
    pub until: i32,
}

impl Plan {
    pub fn holds_year(&self, year: i32) -> bool {
        self.from <= year && year <= self.until
    }

    /// The last period before the plan starts (the whole year `from` − 1): a baseline is at or
    /// before it.
    pub fn eve(&self) -> Period {
        Period::year(self.from - 1)
    }

    /// Whether `period` lies within the plan: after `from` − 1 and at most `until`
    /// (`from`-H1 is the plan's first period).
    pub fn holds(&self, period: Period) -> bool {
        self.eve() < period && period <= Period::year(self.until)
    }

    /// The plan's periods in time order: `from`-H1, `from`, …, `until`-H1, `until`.
    pub fn periods(&self) -> impl Iterator<Item = Period> {
        (self.from..=self.until).flat_map(|y| [Period::first_half(y), Period::year(y)])
    }

    /// `2021–2025`.
    pub fn years(&self) -> String {
        format!("{}–{}", self.from, self.until)
    }
}

/// A project's plans in time order (no two share a year), and which is current.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plans {
    plans: PerPlan<Plan>,
    current: Option<PlanId>,
    latest_actual: Option<i32>,
}

impl Plans {
    /// `plans` in time order, without shared years; `latest_actual` is the year of the latest
    /// `actual` figure in the project, which decides the current plan.
    pub fn new(mut plans: Vec<Plan>, latest_actual: Option<i32>) -> Plans {
        plans.sort_by_key(|p| p.from);
        let current = if plans.is_empty() {
            None
        } else {
            // The last plan whose `from` is not after the latest actual's year, or the first.
            let n = latest_actual
                .map(|y| plans.iter().filter(|p| p.from <= y).count())
                .unwrap_or(0);
            Some(PlanId::from_index(n.saturating_sub(1)))
        };
        Plans {
            plans: PerPlan::from_vec(plans),
            current,
            latest_actual,
        }
    }

    pub fn len(&self) -> usize {
        self.plans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.plans.is_empty()
    }

    pub fn get(&self, p: PlanId) -> &Plan {
        &self.plans[p]
    }

    pub fn ids(&self) -> impl ExactSizeIterator<Item = PlanId> + DoubleEndedIterator {
        (0..self.plans.len()).map(PlanId::from_index)
    }

    pub fn iter(&self) -> impl Iterator<Item = (PlanId, &Plan)> {
        self.plans.iter()
    }

    /// The plan whose years hold `year`.
    pub fn of_year(&self, year: i32) -> Option<PlanId> {
        self.iter()
            .find(|(_, p)| p.holds_year(year))
            .map(|(id, _)| id)
    }

    /// The last plan whose `from` is not after the year of the latest actual (or the first
    /// plan); none only when there is no plan.
    pub fn current(&self) -> Option<PlanId> {
        self.current
    }

    /// "Now" for plans: the year of the latest actual figure in the project.
    pub fn now(&self) -> Option<i32> {
        self.latest_actual
    }

    pub fn by_code(&self, code: &str) -> Option<PlanId> {
        self.iter().find(|(_, p)| p.code == code).map(|(id, _)| id)
    }
}

impl super::Id for PlanId {
    fn index(self) -> usize {
        PlanId::index(self)
    }
    fn from_index(index: usize) -> Self {
        PlanId::from_index(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(from: i32, until: i32) -> Plan {
        Plan {
            code: format!("{from}-{until}"),
            name: String::new(),
            name_en: String::new(),
            from,
            until,
        }
    }

    #[test]
    fn a_plan_holds_its_years_from_the_first_half_of_its_first() {
        let p = plan(2021, 2025);
        assert!(!p.holds(Period::year(2020)));
        assert!(p.holds(Period::first_half(2021)));
        assert!(p.holds(Period::year(2025)));
        assert!(!p.holds(Period::first_half(2026)));
        assert_eq!(p.periods().count(), 10);
    }

    #[test]
    fn the_current_plan_is_the_last_begun_by_the_latest_actual() {
        let plans = || vec![plan(2026, 2030), plan(2021, 2025)];
        let id = |i| Some(PlanId::from_index(i));
        assert_eq!(Plans::new(plans(), Some(2026)).current(), id(1));
        assert_eq!(Plans::new(plans(), Some(2025)).current(), id(0));
        assert_eq!(Plans::new(plans(), Some(2019)).current(), id(0));
        assert_eq!(Plans::new(plans(), None).current(), id(0));
        assert_eq!(Plans::new(Vec::new(), Some(2026)).current(), None);
        assert_eq!(Plans::new(plans(), None).of_year(2027), id(1));
    }
}
