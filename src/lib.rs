//! topictrend: turn a newsletter archive into topic analytics.
//!
//! Data flows one way through stages named for what they do:
//!
//! ```text
//! corpus (files -> issues, items) -> lexicon (tables -> entities)
//!   -> extract (items x entities -> mentions, events)
//!        -> discover (items - mentions -> discovered names, their mentions; the names it
//!           is confident of join the lexicon's entities, `origin = discovered`)
//!   -> frames (Polars frames)
//!   -> analysis (frequency, trends, co-mentions, balance) -> render (bytes) -> output (files)
//! ```
//!
//! Each stage has its own error type; `main.rs` maps them to exit codes.

pub mod analysis;
pub mod builtin;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod corpus;
pub mod date;
pub mod discover;
pub mod extract;
pub mod frames;
pub mod heap;
pub mod lexicon;
pub mod output;
pub mod render;
pub mod synth;
