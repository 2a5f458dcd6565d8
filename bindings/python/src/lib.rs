//! The `disinfo._native` extension module. Conversion and error mapping only: the logic lives
//! in `crates/`. Each tool has its own submodule file, registered here.

mod ads;
mod bots;
mod bots_network;
mod convert;
mod encyclopedia;
mod errors;
mod terms;
mod terms_versions;

use pyo3::prelude::*;

/// The toolkit version.
#[pyfunction]
fn version() -> &'static str {
    disinfo::version()
}

/// The version and the tools of this build with their status, as a dict.
#[pyfunction]
fn build_info(py: Python<'_>) -> PyResult<Py<PyAny>> {
    convert::to_python(py, &disinfo::build_info())
}

/// Panics inside the core on purpose: proves that a panic reaches Python as `InternalError`.
#[pyfunction]
fn _force_panic(py: Python<'_>) -> PyResult<()> {
    errors::run(py, disinfo::force_panic_for_tests)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(build_info, m)?)?;
    m.add_function(wrap_pyfunction!(_force_panic, m)?)?;
    terms::register(m)?;
    terms_versions::register(m)?;
    bots::register(m)?;
    bots_network::register(m)?;
    ads::register(m)?;
    encyclopedia::register(m)?;
    Ok(())
}
