//! Loops in a graph: its strongly connected components (Tarjan's algorithm).

use std::collections::{BTreeMap, BTreeSet};

/// The loops of a graph: its strongly connected components of two or more
/// nodes (Tarjan's algorithm), each sorted, in order.
pub(super) fn loops<N: Ord + Clone, E>(graph: &BTreeMap<N, BTreeMap<N, E>>) -> Vec<Vec<N>> {
    struct Search<'g, N, E> {
        graph: &'g BTreeMap<N, BTreeMap<N, E>>,
        index: BTreeMap<N, usize>,
        low: BTreeMap<N, usize>,
        stack: Vec<N>,
        on_stack: BTreeSet<N>,
        found: Vec<Vec<N>>,
    }
    impl<N: Ord + Clone, E> Search<'_, N, E> {
        fn visit(&mut self, node: &N) {
            let number = self.index.len();
            self.index.insert(node.clone(), number);
            self.low.insert(node.clone(), number);
            self.stack.push(node.clone());
            self.on_stack.insert(node.clone());
            for next in self.graph.get(node).into_iter().flat_map(BTreeMap::keys) {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node.clone(), low);
                } else if self.on_stack.contains(next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node.clone(), low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = Vec::new();
                while let Some(member) = self.stack.pop() {
                    self.on_stack.remove(&member);
                    let last = member == *node;
                    component.push(member);
                    if last {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut search = Search {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !search.index.contains_key(node) {
            search.visit(node);
        }
    }
    search.found.sort();
    search.found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &str)]) -> BTreeMap<String, BTreeMap<String, ()>> {
        let mut graph: BTreeMap<String, BTreeMap<String, ()>> = BTreeMap::new();
        for (from, to) in edges {
            graph.entry((*from).into()).or_default().insert((*to).into(), ());
            graph.entry((*to).into()).or_default();
        }
        graph
    }

    #[test]
    fn the_cycle_finder_names_every_loop_and_nothing_else() {
        let acyclic = graph(&[("a", "b"), ("b", "c"), ("a", "c"), ("d", "a")]);
        assert!(loops(&acyclic).is_empty());
        let tangled =
            graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "d"), ("e", "f"), ("g", "g")]);
        let names = |found: Vec<Vec<String>>| found.into_iter().map(|c| c.join(" ")).collect::<Vec<_>>();
        assert_eq!(names(loops(&tangled)), ["a b c", "d e"]);
    }
}
