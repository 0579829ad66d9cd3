//! Villages without mobile service (Phụ lục 2 of the province's plan) and who must bring it.

use super::{Period, UnitId};

#[derive(Debug, Clone, PartialEq)]
pub struct Village {
    pub village: String,
    pub commune: String,
    /// The unit the village belongs to.
    pub unit: UnitId,
    pub operator: String,
    /// When service arrived; `None` while it has not.
    pub covered: Option<Period>,
}
