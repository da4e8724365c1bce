/** The user group the example's rule invites. */
export const LEADS = 'S0PAYLEADS';

/** The example of docs/rules.md, word for word, and a timed rule. */
export const RULES_POLICY = {
  services: [
    { id: 'payments', name: 'Payments' },
    { id: 'search', name: 'Search' },
  ],
  rules: [
    {
      name: 'payments SEV1',
      on: 'severity_changed',
      if: { severity: 'SEV1', service: 'payments' },
      do: [
        { invite: { usergroup: LEADS } },
        { post: 'Bridge: https://meet.example.com/{{channel}}' },
        { dm: { role: 'comms', text: 'SEV1 on {{services}}: the status page is yours' } },
      ],
    },
    {
      name: 'silent SEV2',
      on: { no_update_for: '20m' },
      if: { severity: 'SEV2' },
      do: [{ post: 'No update on {{title}} for 20 minutes, {{commander}}' }],
    },
  ],
};
