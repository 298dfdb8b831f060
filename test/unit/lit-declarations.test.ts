/**
 * How the Lit components declare what they have, read from their source with the TypeScript
 * parser: each reactive property is declared once (in `static properties`, with only a type-only
 * `declare` field beside it, so no class field can shadow Lit's accessor), and every custom event
 * a component dispatches is typed in HTMLElementEventMap, so listeners get its detail's type.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function sources(dir: string): ts.SourceFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))
    .map((p) => ts.createSourceFile(relative(ROOT, p), readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, true));
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

const nameOf = (n: ts.PropertyName | ts.BindingName | undefined): string | null =>
  n && (ts.isIdentifier(n) || ts.isStringLiteral(n)) ? n.text : null;

const isStatic = (m: ts.ClassElement): boolean =>
  !!ts.canHaveModifiers(m) && !!ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
const isDeclare = (m: ts.ClassElement): boolean =>
  !!ts.canHaveModifiers(m) && !!ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.DeclareKeyword);

const files = sources(SRC);

describe('Lit components', () => {
  it('declare each reactive property once: static properties plus a type-only declare field', () => {
    const problems: string[] = [];
    let components = 0;
    for (const f of files) {
      walk(f, (n) => {
        if (!ts.isClassDeclaration(n)) return;
        const props = n.members.find(
          (m): m is ts.PropertyDeclaration => ts.isPropertyDeclaration(m) && isStatic(m) && nameOf(m.name) === 'properties',
        );
        if (!props?.initializer || !ts.isObjectLiteralExpression(props.initializer)) return;
        components++;
        const cls = `${f.fileName} ${n.name?.text}`;
        for (const p of props.initializer.properties) {
          const name = nameOf(p.name);
          const fields = n.members.filter((m) => ts.isPropertyDeclaration(m) && !isStatic(m) && nameOf(m.name) === name);
          if (fields.length !== 1 || !isDeclare(fields[0]))
            problems.push(`${cls}.${name}: ${fields.length ? 'a class field besides static properties' : 'no declare field'}`);
        }
      });
    }
    assert.ok(components >= 10, `found the components (${components})`);
    assert.deepEqual(problems, []);
  });

  it('type every custom event they dispatch in HTMLElementEventMap', () => {
    const dispatched = new Map<string, string>();
    const typed = new Set<string>();
    for (const f of files) {
      walk(f, (n) => {
        if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'CustomEvent') {
          const type = n.arguments?.[0];
          assert.ok(type && ts.isStringLiteral(type), `${f.fileName}: a CustomEvent with a literal type`);
          dispatched.set(type.text, f.fileName);
        }
        if (ts.isInterfaceDeclaration(n) && n.name.text === 'HTMLElementEventMap') {
          for (const m of n.members) {
            const name = nameOf(m.name);
            if (name) typed.add(name);
          }
        }
      });
    }
    assert.ok(dispatched.size >= 5, `found the dispatched events (${[...dispatched.keys()]})`);
    const untyped = [...dispatched].filter(([type]) => !typed.has(type)).map(([type, file]) => `${type} (${file})`);
    assert.deepEqual(untyped, []);
  });
});
