// Container IDs and names as Docker makes them: 64 random hex digits (never all-numeric in the 12 shown), and
// `adjective_surname` names of notable scientists and engineers; user names must match Docker's pattern.

import { randomBytes, randomInt } from '../sys/random.js';
import { BerthError } from '../errors.js';

export function newContainerID(): string {
  for (;;) {
    const id = randomBytes(32).toString('hex');
    // Docker re-rolls IDs whose short form would parse as a number (it would be taken for a decimal).
    if (!/^\d+$/.test(id.slice(0, 12))) return id;
  }
}

const ADJECTIVES = [
  'admiring', 'adoring', 'affectionate', 'agitated', 'amazing', 'angry', 'awesome', 'beautiful', 'blissful', 'bold',
  'brave', 'busy', 'charming', 'clever', 'compassionate', 'competent', 'confident', 'cool', 'cranky', 'crazy',
  'dazzling', 'determined', 'distracted', 'dreamy', 'eager', 'ecstatic', 'elastic', 'elated', 'elegant', 'eloquent',
  'epic', 'exciting', 'fervent', 'festive', 'flamboyant', 'focused', 'friendly', 'frosty', 'funny', 'gallant',
  'gifted', 'goofy', 'gracious', 'great', 'happy', 'hardcore', 'heuristic', 'hopeful', 'hungry', 'infallible',
  'inspiring', 'intelligent', 'interesting', 'jolly', 'jovial', 'keen', 'kind', 'laughing', 'loving', 'lucid',
  'magical', 'modest', 'musing', 'mystifying', 'naughty', 'nervous', 'nice', 'nifty', 'nostalgic', 'objective',
  'optimistic', 'peaceful', 'pedantic', 'pensive', 'practical', 'priceless', 'quirky', 'quizzical', 'recursing',
  'relaxed', 'reverent', 'romantic', 'sad', 'serene', 'sharp', 'silly', 'sleepy', 'stoic', 'strange', 'stupefied',
  'suspicious', 'sweet', 'tender', 'thirsty', 'trusting', 'unruffled', 'upbeat', 'vibrant', 'vigilant', 'vigorous',
  'wizardly', 'wonderful', 'xenodochial', 'youthful', 'zealous', 'zen',
];

const SURNAMES = [
  'agnesi', 'albattani', 'allen', 'archimedes', 'babbage', 'banach', 'bardeen', 'bartik', 'bell', 'bhabha',
  'blackwell', 'bohr', 'boole', 'booth', 'bose', 'brahmagupta', 'brattain', 'carson', 'cerf', 'chandrasekhar',
  'clarke', 'curie', 'darwin', 'davinci', 'dijkstra', 'dirac', 'easley', 'einstein', 'elion', 'engelbart',
  'euclid', 'euler', 'faraday', 'fermat', 'fermi', 'feynman', 'franklin', 'galileo', 'gauss', 'germain',
  'goldberg', 'goodall', 'hamilton', 'hawking', 'heisenberg', 'hodgkin', 'hopper', 'hypatia', 'jackson', 'jennings',
  'johnson', 'kalam', 'kapitsa', 'keller', 'kepler', 'khorana', 'kilby', 'knuth', 'kowalevski', 'lalande',
  'lamarr', 'lamport', 'leakey', 'leavitt', 'lovelace', 'lumiere', 'mahavira', 'margulis', 'maxwell', 'mayer',
  'mccarthy', 'mcclintock', 'meitner', 'mendel', 'mendeleev', 'merkle', 'mirzakhani', 'morse', 'napier', 'nash',
  'newton', 'nightingale', 'nobel', 'noether', 'noyce', 'pascal', 'pasteur', 'payne', 'perlman', 'pike',
  'poincare', 'ptolemy', 'raman', 'ramanujan', 'ritchie', 'rosalind', 'sammet', 'shannon', 'shockley', 'sinoussi',
  'stonebraker', 'swanson', 'tesla', 'thompson', 'torvalds', 'turing', 'varahamihira', 'visvesvaraya', 'wiles',
  'williams', 'wilson', 'wozniak', 'wright', 'yalow', 'yonath',
];

/** A random `adjective_surname`; `retry` > 0 appends a digit, as Docker does after a collision. */
export function randomName(retry = 0): string {
  for (;;) {
    const name = `${ADJECTIVES[randomInt(ADJECTIVES.length)]}_${SURNAMES[randomInt(SURNAMES.length)]}`;
    // Steve Wozniak is not boring.
    if (name === 'boring_wozniak') continue;
    return retry > 0 ? `${name}${randomInt(10)}` : name;
  }
}

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Strips Docker's optional leading `/` and checks the pattern; the error is Docker's. */
export function validateName(name: string): string {
  const bare = name.startsWith('/') ? name.slice(1) : name;
  if (!NAME_RE.test(bare)) {
    throw new BerthError('INVALID_ARGUMENT', `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  }
  return bare;
}
