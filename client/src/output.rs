//! What a command prints: lines for people, or one JSON object with `--json` for scripts.

use serde_json::{Map, Value};

/// A command's result.
#[derive(Default)]
pub struct Report {
	lines: Vec<String>,
	json: Map<String, Value>,
}

impl Report {
	/// An empty report.
	pub fn new() -> Self {
		Self::default()
	}

	/// A line for people.
	pub fn line(mut self, line: impl Into<String>) -> Self {
		self.lines.push(line.into());
		self
	}

	/// A field of the JSON object.
	pub fn field(mut self, key: &str, value: impl Into<Value>) -> Self {
		self.json.insert(key.to_string(), value.into());
		self
	}

	/// A line for people and a field of the JSON object.
	pub fn both(self, line: impl Into<String>, key: &str, value: impl Into<Value>) -> Self {
		self.line(line).field(key, value)
	}

	/// Field `key` as text: a string bare, anything else as JSON.
	pub fn field_text(&self, key: &str) -> Option<String> {
		self.json.get(key).map(|value| match value {
			Value::String(text) => text.clone(),
			other => other.to_string(),
		})
	}

	/// Prints the report to standard output.
	pub fn print(&self, json: bool) {
		if json {
			println!("{}", Value::Object(self.json.clone()));
		} else {
			for line in &self.lines {
				println!("{line}");
			}
		}
	}
}

/// Rows as a table with aligned columns, headed by `header`.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> Vec<String> {
	let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
	for row in rows {
		for (width, cell) in widths.iter_mut().zip(row) {
			*width = (*width).max(cell.chars().count());
		}
	}
	let render = |cells: Vec<String>| {
		cells
			.iter()
			.zip(&widths)
			.map(|(cell, width)| format!("{cell:<width$}"))
			.collect::<Vec<_>>()
			.join("  ")
			.trim_end()
			.to_string()
	};
	std::iter::once(render(header.iter().map(|h| h.to_string()).collect()))
		.chain(rows.iter().map(|row| render(row.clone())))
		.collect()
}

/// A progress line on standard error, for people watching a long command.
pub fn progress(message: &str) {
	eprintln!("{message}");
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn tables_align_their_columns() {
		let rows = vec![vec!["0x01".into(), "2-of-3".into()], vec!["0x0203".into(), "1".into()]];
		assert_eq!(
			table(&["id", "m-of-n"], &rows),
			["id      m-of-n", "0x01    2-of-3", "0x0203  1"]
		);
	}
}
