// `extends:` merging: a scenario laid over the one it extends, with the origin of every
// node kept so that a problem points at the file and line the value came from.
#include "yaml/extends.hpp"

#include <filesystem>

#include "flowfolio/core/error.hpp"
#include "yaml/fields.hpp"
#include "yaml/yaml_document.hpp"

namespace flowfolio {
namespace {
namespace fs = std::filesystem;

// Notes `file` as the origin of every node of its document (up to the value budget).
void record(const YAML::Node& node, const std::string& file, Origins& origins) {
  std::vector<YAML::Node> pending = {node};
  while (!pending.empty() && origins.nodes.size() < kMostYamlValues) {
    const YAML::Node n = pending.back();
    pending.pop_back();
    origins.nodes.emplace_back(n, file);
    if (n.IsMap()) {
      for (const auto& e : n) pending.push_back(e.second);
    } else if (n.IsSequence()) {
      for (const auto& e : n) pending.push_back(e);
    }
  }
}

// A list whose every item is a map with a name: merged by name, not replaced.
bool named_list(const YAML::Node& list) {
  if (!list.IsSequence()) return false;
  for (const auto& item : list)
    if (!item.IsMap() || !item["name"] || !item["name"].IsScalar()) return false;
  return true;
}

// The scenario's lists of named items, which merge by name: its entities. Any other list
// (a study block's inputs, a strategy's courses) is one value, replaced whole.
bool entity_list(const std::string& key) {
  return key == "activities" || key == "profiles" || key == "strategies";
}

// The distribution family a map names, or "".
std::string family(const YAML::Node& map) {
  for (const std::string& f : kDistributionFamilies)
    if (map[f]) return f;
  return "";
}

// Whether `over` is a distribution that cannot be laid on `base` key by key: another family,
// or a lognormal by median and sigma over one by p5 and p95 (or the other way round).
bool other_distribution(const YAML::Node& base, const YAML::Node& over) {
  const std::string was = family(base), now = family(over);
  if (was.empty() || now.empty()) return false;
  if (was != now) return true;
  if (now != "lognormal" || !base[now].IsMap() || !over[now].IsMap()) return false;
  const auto by_percentiles = [](const YAML::Node& m) { return m["p5"] || m["p95"]; };
  const auto by_median = [](const YAML::Node& m) { return m["median"] || m["sigma"]; };
  return (by_percentiles(base[now]) && by_median(over[now])) || (by_median(base[now]) && by_percentiles(over[now]));
}

// Where a node being merged sits: the document, one of its entity lists, or anywhere else.
enum class Place { kDocument, kEntities, kElsewhere };

// `over` laid on `base`: maps merged key by key, the scenario's entity lists merged by name
// (new names appended), anything else replaced, a distribution of another form included.
YAML::Node merge(const YAML::Node& base, const YAML::Node& over, const std::string& file,
                 Origins& origins, Place place = Place::kElsewhere) {
  if (base.IsMap() && over.IsMap() && !other_distribution(base, over)) {
    YAML::Node result(YAML::NodeType::Map);
    for (const auto& e : base) {
      const std::string key = e.first.Scalar();
      const YAML::Node o = over[key];
      const Place inner = place == Place::kDocument && entity_list(key) ? Place::kEntities : Place::kElsewhere;
      result[e.first] = o ? merge(e.second, o, file, origins, inner) : e.second;
    }
    for (const auto& e : over) {
      if (e.first.Scalar() == "extends" || base[e.first.Scalar()]) continue;
      result[e.first] = e.second;
    }
    origins.merged.push_back({result, over, file});
    return result;
  }
  if (place == Place::kEntities && named_list(base) && named_list(over)) {
    YAML::Node result(YAML::NodeType::Sequence);
    std::vector<bool> used(over.size(), false);
    for (const auto& item : base) {
      YAML::Node merged = item;
      for (std::size_t i = 0; i < over.size(); ++i) {
        if (!used[i] && over[i]["name"].Scalar() == item["name"].Scalar()) {
          merged = merge(item, over[i], file, origins);
          used[i] = true;
          break;
        }
      }
      result.push_back(merged);
    }
    for (std::size_t i = 0; i < over.size(); ++i)
      if (!used[i]) result.push_back(over[i]);
    origins.merged.push_back({result, over, file});
    return result;
  }
  return over;
}

}  // namespace

// The document with its `extends:` chain resolved: the parent's document (itself
// resolved) with this one laid on top.
YAML::Node resolve_extends(const YAML::Node& root, const std::string& file,
                           std::vector<std::string>& chain, Origins& origins) {
  if (!root.IsMap() || !root["extends"]) return root;
  const YAML::Node extends = root["extends"];
  const auto fail = [&](const std::string& message) {
    const YAML::Mark mark = extends.Mark();
    throw InputError({Diagnostic{.file = file,
                                 .line = mark.line + 1,
                                 .column = mark.column + 1,
                                 .path = "extends",
                                 .message = message}});
  };
  if (!extends.IsScalar() || extends.Scalar().empty())
    fail("expected the path of the scenario this one extends");
  const std::string parent =
      (fs::path(file).parent_path() / extends.Scalar()).lexically_normal().string();
  std::error_code ec;
  const std::string canonical = fs::weakly_canonical(parent, ec).string();
  for (const std::string& seen : chain) {
    if (seen == canonical) {
      std::string cycle;
      for (const std::string& c : chain) cycle += c + " -> ";
      fail("extends makes a cycle: " + cycle + canonical);
    }
  }
  if (chain.size() >= 8) fail("more than 8 levels of extends");
  chain.push_back(canonical);
  const YAML::Node raw = load_document(read_yaml_text(parent), parent, kEmptyScenario);
  record(raw, parent, origins);
  const YAML::Node base = resolve_extends(raw, parent, chain, origins);
  return merge(base, root, file, origins, Place::kDocument);
}
}  // namespace flowfolio
