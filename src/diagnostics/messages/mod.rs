//! The wording of every problem, in Vietnamese and in English, written for an editor: what is
//! wrong, where, and what to write instead. Each family of problems has its words in a file of
//! its own, in the order an editor meets them: reading a table, its figures and periods, the
//! units, the indicators, the plans, the narratives and their images, the settings, and last the
//! figures chiso computes or finds implausible. This file sends each problem to its family and
//! holds the few words they share.

mod config;
mod images;
mod indicators;
mod narratives;
mod plans;
mod plausibility;
mod tables;
mod totals;
mod units;
mod values;
mod words;

use super::problem::Problem;
use crate::lang::Lang;

impl Problem {
    /// The problem in words, in `lang`: each family words its own.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Problem::Unreadable(_)
            | Problem::EmptyFile
            | Problem::MissingColumn(_)
            | Problem::UnknownColumn { .. }
            | Problem::FieldCount { .. }
            | Problem::Required
            | Problem::OutsideProject
            | Problem::NotAFile { .. }
            | Problem::LineTooLong { .. }
            | Problem::TooManyColumns { .. }
            | Problem::WorkbookTooLarge { .. }
            | Problem::SheetTooLarge { .. }
            | Problem::ControlCharacter { .. }
            | Problem::TooLarge { .. }
            | Problem::StoppedReading { .. }
            | Problem::TwoForms { .. }
            | Problem::Duplicate { .. }
            | Problem::Choice { .. }
            | Problem::OldWorkbook
            | Problem::NotValuesFile { .. } => tables::describe(self, lang),
            Problem::InvalidPeriod(_)
            | Problem::PeriodWrittenOtherwise { .. }
            | Problem::ThousandsSeparator { .. }
            | Problem::NegativeCount { .. }
            | Problem::ValueLooksLikeDate { .. }
            | Problem::EmptyValue
            | Problem::InvalidNumber { .. }
            | Problem::RangeNotTarget
            | Problem::InvalidRange(_)
            | Problem::Conflict { .. } => values::describe(self, lang),
            Problem::InvalidSlug(_)
            | Problem::ReservedSlug(_)
            | Problem::InvalidCode(_)
            | Problem::UnknownParent { .. }
            | Problem::NoRoot
            | Problem::SecondRoot { .. }
            | Problem::ParentCycle(_)
            | Problem::LifeReversed { .. }
            | Problem::RootLife
            | Problem::OutlivesParent { .. }
            | Problem::UnknownFormedFrom { .. }
            | Problem::FormedFromItself { .. }
            | Problem::FormedFromInForce { .. }
            | Problem::OutsideLife { .. }
            | Problem::FileForNoUnit { .. }
            | Problem::UnknownUnit { .. }
            | Problem::SlugTypo { .. }
            | Problem::CodeLostZeros { .. }
            | Problem::CodeNotOfficial { .. } => units::describe(self, lang),
            Problem::InvalidIndicatorCode(_)
            | Problem::InvalidDecimals(_)
            | Problem::DerivationIncomplete
            | Problem::UnknownPart { .. }
            | Problem::DerivationCycle(_)
            | Problem::InvalidScale(_)
            | Problem::UnknownIndicator { .. } => indicators::describe(self, lang),
            Problem::PlanId(_)
            | Problem::PlanIdTwice(_)
            | Problem::PlanYears { .. }
            | Problem::PlansOverlap { .. }
            | Problem::TargetOutsidePlans { .. }
            | Problem::PlanWithoutTargets { .. }
            | Problem::PlanEndedWithoutFigure { .. } => plans::describe(self, lang),
            Problem::Shortcode(_)
            | Problem::NoFigure { .. }
            | Problem::ChartNoData { .. }
            | Problem::SameNarrative { .. }
            | Problem::NoFigureYearBefore { .. }
            | Problem::FrontMatter(_)
            | Problem::FrontMatterUnclosed => narratives::describe(self, lang),
            Problem::ImageMissing { .. }
            | Problem::ImageNoAlt { .. }
            | Problem::ImageOutsideContent { .. }
            | Problem::ImageType { .. }
            | Problem::ImageContent { .. }
            | Problem::ImageExternal { .. }
            | Problem::ImageHtml
            | Problem::ImageLarge { .. } => images::describe(self, lang),
            Problem::Config(_)
            | Problem::Template { .. }
            | Problem::ReportLevel { .. }
            | Problem::ReportUnit { .. }
            | Problem::ReportPlaceholder { .. } => config::describe(self, lang),
            Problem::DerivedDiffers { .. }
            | Problem::SumDiffers { .. }
            | Problem::ChildrenMissing(_)
            | Problem::FlowAcrossChange { .. } => totals::describe(self, lang),
            Problem::AbovePercent { .. }
            | Problem::StockDrop(_)
            | Problem::Jump { .. }
            | Problem::ShareOutOfRange { .. }
            | Problem::PartExceedsWhole(_) => plausibility::describe(self, lang),
        }
    }
}
