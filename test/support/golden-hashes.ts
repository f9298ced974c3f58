/** The fingerprints of GOLDEN_CASES (test/support/golden.ts), in order, taken before issue 15's engine changes. */
export const GOLDEN: readonly { readonly events: string; readonly state: string }[] = [
  {
    events: '918ec2f6f9235b151090d33954ccb5e11a5d0a37cdf851283071cb30bfd967f7',
    state: 'd3435b5d12e205e4866a9b6daed106964b7b16a434c61a707eda2481abfbd04e',
  },
  {
    events: '6c6ebd1e9a5e2db368b48508e26bea6a35549a841dd7824e34ac91f29cfddbff',
    state: 'e3df50ec681b71c057d544d8631b81548c14b6909c148bcb38f8056f9923db15',
  },
  {
    events: 'e6f5404c5c8549826357b0413f6c253af24c970d831d92dda358a1a5c3c761da',
    state: 'cc34511110515d34e654969f9e4a7af1bc96a68974e278b88e5d7e934e35edd0',
  },
  {
    events: '2f79f8ba42eff58a9f1fbd2ea0b05c945ccafadea13173b22a0c671c56645acf',
    state: '0b2d37e9c0d68b97e6b42048dba5d672d9d0373c8c7f14c82bc0e3389dd12be6',
  },
  {
    events: 'bd9a27f0a070d84b1449d4a65e37eb8e95ae8689750005cbb99ddf8745ba9827',
    state: '249ca8fcc3640b262e57f18aba3b5a4c7dfddc54f1305ba0e7f8aed1eb7363c5',
  },
  {
    events: 'a1ecaf443dfd3d4f26053ff8b19b5b2528e9befd883931d8d44f12d69cd31b82',
    state: '6f55e903af9368d3e1689ba68d5448ac3f02ee16bfd757046a2b0c858026559c',
  },
  {
    events: 'b58e0880b7f59c248f64dcf0241c13225439b76c73acd475253ee106915e46b9',
    state: '205a98ff00827e5d1d3a213515d75f2b471be7adbddb47763f852517f4333e48',
  },
]
