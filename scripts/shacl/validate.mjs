#!/usr/bin/env node
// validate.mjs — validates RDF data files against SHACL shapes with
// rdf-validate-shacl, offline, and prints a JSON report.
//
// Usage:
//   node scripts/shacl/validate.mjs --shapes FILE [--shapes FILE ...]
//        [--vocab FILE ...] [--format turtle|rdfxml|jsonld] DATA [DATA ...]
//
// --shapes  a shapes graph file (Turtle, RDF/XML or JSON-LD by extension);
//           all of them form one shapes graph. owl:imports in the shapes are
//           not fetched (there is no network): each is listed under
//           "ignoredImports" in the output.
// --vocab   an RDF file of a controlled vocabulary (e.g. the EU data themes),
//           loaded into the data graph of every DATA file, as DCAT-AP's
//           mdr-vocabularies.shape.ttl expects. Only the vocabulary's
//           statements about terms the data mentions, and about what those
//           statements mention in turn (their concept schemes), are loaded:
//           the shapes only look that far from the data, and the large
//           language vocabulary would otherwise dominate the run time.
// --format  the syntax of every DATA file; by default taken from the
//           extension: .ttl (Turtle), .rdf/.xml (RDF/XML), .jsonld/.json.
// DATA      a data file, or "-" for standard input; each is validated on
//           its own (the shapes and vocabularies are read once).
//
// Output (stdout), one report per DATA file in order:
//   {"reports":[{"file":..., "conforms":bool, "triples":n, "graphHash":h,
//                "violations":[RESULT...], "warnings":[RESULT...],
//                "infos":[RESULT...]}], "ignoredImports":[IRI...]}
//   RESULT = {"focusNode","path","value","message","component","shape"}
//   triples counts the distinct triples of the file; graphHash is the
//   SHA-256 of its distinct triples in a canonical sorted form, so two
//   files with the same graph (and no blank nodes) have the same hash.
//   Identical results (the same shapes loaded from two files) appear once.
//   Only results about nodes the DATA file describes (subjects of its own
//   triples) are listed; results about nodes only the vocabulary files
//   describe (e.g. an EU concept scheme without dct:title) are the
//   vocabulary's, not the data's, and are only counted in "vocabularyResults".
// Exit status: 0 when every file has no violation, 1 when one has, 2 when
// a file cannot be read or parsed (the error is on stderr).

import { readFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import rdf from '@zazuko/env'
import SHACLValidator from 'rdf-validate-shacl'
import N3 from 'n3'
import { RdfXmlParser } from 'rdfxml-streaming-parser'
import { JsonLdParser } from 'jsonld-streaming-parser'

const SH = 'http://www.w3.org/ns/shacl#'

function parseArgs (argv) {
  const out = { shapes: [], vocab: [], format: '', data: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`)
      return argv[++i]
    }
    if (a === '--shapes') out.shapes.push(next())
    else if (a === '--vocab') out.vocab.push(next())
    else if (a === '--format') out.format = next()
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`)
    else out.data.push(a)
  }
  if (out.shapes.length === 0) throw new Error('no --shapes given')
  if (out.data.length === 0) throw new Error('no data file given')
  return out
}

function formatOf (file, forced) {
  if (forced) return forced
  if (/\.(ttl|turtle)$/i.test(file)) return 'turtle'
  if (/\.(rdf|xml|owl)$/i.test(file)) return 'rdfxml'
  if (/\.(jsonld|json)$/i.test(file)) return 'jsonld'
  throw new Error(`cannot tell the format of ${file}: use --format`)
}

async function readText (file) {
  if (file === '-') {
    const chunks = []
    for await (const c of process.stdin) chunks.push(c)
    return Buffer.concat(chunks).toString('utf8')
  }
  return readFile(file, 'utf8')
}

function collect (parser, text) {
  return new Promise((resolve, reject) => {
    const quads = []
    parser.on('data', q => quads.push(q))
    parser.on('error', reject)
    parser.on('end', () => resolve(quads))
    Readable.from([text]).pipe(parser)
  })
}

// parse returns the quads of text in format, with every blank node renamed
// to one unique to this file, so that files merged into one graph never
// share a blank node by accident.
let fileCounter = 0
async function parse (text, format, base) {
  let quads
  if (format === 'turtle') {
    quads = new N3.Parser({ format: 'text/turtle', baseIRI: base }).parse(text)
  } else if (format === 'rdfxml') {
    quads = await collect(new RdfXmlParser({ dataFactory: rdf, baseIRI: base }), text)
  } else if (format === 'jsonld') {
    quads = await collect(new JsonLdParser({ dataFactory: rdf, baseIRI: base }), text)
  } else {
    throw new Error(`unknown format ${format}`)
  }
  const prefix = `f${++fileCounter}_`
  const term = t => t.termType === 'BlankNode' ? rdf.blankNode(prefix + t.value) : t
  return quads.map(q => rdf.quad(term(q.subject), q.predicate, term(q.object)))
}

async function load (file, format) {
  try {
    const base = 'file://' + (file === '-' ? '/stdin' : file)
    return await parse(await readText(file), format, base)
  } catch (err) {
    throw new Error(`read ${file}: ${err.message}`)
  }
}

// relevant returns the vocabulary statements (indexed by subject) about the
// IRIs quads mention, and about what those statements mention, two steps
// out from the data.
function relevant (bySubject, quads) {
  const out = []
  const seen = new Set()
  let frontier = new Set()
  for (const q of quads) for (const t of [q.subject, q.object]) if (t.termType === 'NamedNode') frontier.add(t.value)
  for (let step = 0; step < 2; step++) {
    const next = new Set()
    for (const iri of frontier) {
      if (seen.has(iri)) continue
      seen.add(iri)
      for (const q of bySubject.get(iri) || []) {
        out.push(q)
        if (q.object.termType === 'NamedNode') next.add(q.object.value)
      }
    }
    frontier = next
  }
  return out
}

function nodeText (t) {
  if (!t) return ''
  if (t.termType === 'Literal') {
    const suffix = t.language ? '@' + t.language : (t.datatype && t.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string' ? '^^' + t.datatype.value : '')
    return JSON.stringify(t.value) + suffix
  }
  if (t.termType === 'BlankNode') return '_:' + t.value
  return t.value
}

function resultOf (r) {
  return {
    focusNode: nodeText(r.focusNode),
    path: nodeText(r.path),
    value: nodeText(r.value),
    message: (r.message || []).map(m => m.value).join(' / '),
    component: nodeText(r.sourceConstraintComponent).replace(SH, 'sh:'),
    shape: nodeText(r.sourceShape)
  }
}

function report (file, quads, results) {
  const lines = [...new Set(quads.map(q => [q.subject, q.predicate, q.object].map(nodeText).join(' ')))].sort()
  const graphHash = createHash('sha256').update(lines.join('\n')).digest('hex')
  const out = { file, conforms: true, triples: lines.length, graphHash, violations: [], warnings: [], infos: [], vocabularyResults: 0 }
  const subjects = new Set(quads.map(q => nodeText(q.subject)))
  const seen = new Set()
  for (const r of results) {
    if (!subjects.has(nodeText(r.focusNode))) {
      out.vocabularyResults++
      continue
    }
    const res = resultOf(r)
    const key = [res.focusNode, res.path, res.value, res.component, nodeText(r.severity)].join('|')
    if (seen.has(key)) continue
    seen.add(key)
    const sev = nodeText(r.severity)
    if (sev === SH + 'Warning') out.warnings.push(res)
    else if (sev === SH + 'Info') out.infos.push(res)
    else { out.violations.push(res); out.conforms = false }
  }
  return out
}

async function main () {
  const args = parseArgs(process.argv.slice(2))
  const shapes = rdf.dataset()
  for (const f of args.shapes) shapes.addAll(await load(f, formatOf(f)))
  const vocabBySubject = new Map()
  for (const f of args.vocab) {
    for (const q of await load(f, formatOf(f))) {
      const k = nodeText(q.subject)
      if (!vocabBySubject.has(k)) vocabBySubject.set(k, [])
      vocabBySubject.get(k).push(q)
    }
  }

  const ignoredImports = new Set()
  const empty = () => rdf.dataset()
  const reports = []
  for (const f of args.data) {
    const quads = await load(f, formatOf(f, args.format))
    const data = rdf.dataset(quads)
    data.addAll(relevant(vocabBySubject, quads))
    // A new validator per file: it keeps state between validations.
    const validator = new SHACLValidator(shapes, {
      factory: rdf,
      importGraph: url => { ignoredImports.add(url.value); return empty() }
    })
    const r = await validator.validate(data)
    reports.push(report(f, quads, r.results))
  }
  process.stdout.write(JSON.stringify({ reports, ignoredImports: [...ignoredImports] }, null, 1) + '\n')
  return reports.every(r => r.conforms) ? 0 : 1
}

main().then(code => { process.exitCode = code }, err => {
  process.stderr.write(`validate.mjs: ${err.message}\n`)
  process.exitCode = 2
})
