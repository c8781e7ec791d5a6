//! The one integration-test binary: every feature's tests are modules here.

mod architecture;
mod catalogue;
mod cli;
pub(crate) mod crash;
mod cycle;
mod damage;
mod desk;
mod exchange;
mod exchange_levels;
mod facts;
mod faults;
mod fixtures;
mod forged;
pub mod import;
mod indicators;
pub(crate) mod indicators_screen;
mod launch;
mod oo1;
mod orders;
mod plans;
mod reports;
mod rules;
mod sacred;
mod storage;
mod support;
mod ui;
mod validation;
