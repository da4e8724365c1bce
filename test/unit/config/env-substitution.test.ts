import { substituteEnv } from '../../../src/config/env-substitution';

describe('${NAME} in the policy file', () => {
  it('takes the variable, keeps $${NAME} as written, and names the key of an unset one', () => {
    const env = { TOKEN: 's3cret' };
    expect(substituteEnv({ a: ['x-${TOKEN}', '$${TOKEN}'] }, env, 'p.yaml')).toEqual({ a: ['x-s3cret', '${TOKEN}'] });
    expect(() => substituteEnv({ b: { c: '${MISSING}' } }, env, 'p.yaml')).toThrow(
      'p.yaml: b.c: environment variable MISSING is not set',
    );
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'treats ${%s} as an unset variable, not as something every object has',
    (name) => {
      expect(() => substituteEnv({ secret: `\${${name}}` }, { ...process.env }, 'p.yaml')).toThrow(
        `p.yaml: secret: environment variable ${name} is not set`,
      );
    },
  );
});
