//! All integration tests in one binary; each module covers one stage or command.

mod util;
