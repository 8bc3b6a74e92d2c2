//! All integration tests in one binary; each module covers one stage or command.

mod analysis;
mod builtin;
mod corpus;
mod discover;
mod discovery_score;
mod extract;
mod formats;
mod frames;
mod frames_fixture;
mod gold_score;
mod history;
mod lexicon;
mod newsletters;
mod planted;
mod planted_gen;
mod planted_shapes;
mod planted_shapes_gen;
mod props;
mod render;
mod report;
mod sources;
mod util;
