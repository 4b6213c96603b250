import { test } from "node:test";
import * as assert from "node:assert/strict";
import { secondTfjs, type TfjsLocations } from "../../src/util/oneTfjs";

const TF = "node_modules/@tensorflow/tfjs";
const CORE = "node_modules/@tensorflow/tfjs-core";

/** grulab linked from /p (the project) to the folder /src/grulab that has its own node_modules. */
const linked: TfjsLocations = {
  grulabRoot: "/src/grulab", grulabTfjs: `/src/grulab/${TF}`, grulabTfjsCore: `/src/grulab/${CORE}`,
  projectTfjs: `/p/${TF}`, loadedTfjsCores: [],
};

test("a linked grulab folder with its own tfjs beside the project's: the error names both copies and the command", () => {
  const message = secondTfjs(linked);
  assert.ok(message);
  assert.match(message, /two copies of tfjs: your project's \(\/p\/node_modules\/@tensorflow\/tfjs\) and the one in grulab's folder \(\/src\/grulab\/node_modules\/@tensorflow\/tfjs\)/);
  assert.match(message, /npm install --install-links \/src\/grulab/);
});

test("the project's tfjs already loaded (imported before grulab, from another folder): the same error", () => {
  const message = secondTfjs({ ...linked, projectTfjs: null, loadedTfjsCores: [`/src/grulab/${CORE}`, `/p/${CORE}`] });
  assert.match(message ?? "", /your project's \(\/p\/node_modules\/@tensorflow\/tfjs-core\)/);
});

test("one tfjs: an installed grulab (tfjs beside it), grulab's own checkout, a folder without tfjs", () => {
  // npm install of a tarball, git URL or --install-links folder: tfjs is the project's, outside grulab's folder.
  assert.equal(secondTfjs({ grulabRoot: `/p/node_modules/grulab`, grulabTfjs: `/p/${TF}`, grulabTfjsCore: `/p/${CORE}`, projectTfjs: `/p/${TF}`, loadedTfjsCores: [`/p/${CORE}`] }), null);
  assert.equal(secondTfjs({ grulabRoot: `/p/node_modules/grulab`, grulabTfjs: `/p/${TF}`, grulabTfjsCore: `/p/${CORE}`, projectTfjs: `/q/${TF}`, loadedTfjsCores: [] }), null,
    "run from another project's folder: grulab still uses its project's tfjs only");
  // This repository: grulab's tfjs is in its own node_modules, and so is the current folder's.
  assert.equal(secondTfjs({ ...linked, projectTfjs: linked.grulabTfjs, loadedTfjsCores: [linked.grulabTfjsCore] }), null);
  assert.equal(secondTfjs({ ...linked, projectTfjs: null }), null, "a temporary folder without node_modules");
});
