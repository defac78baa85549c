// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC20Base} from "./ERC20Base.sol";

/// @title TestERC20
/// @notice Plain ERC-20 test token with string name/symbol and any decimals (0..255).
///         Public mint/burn: anyone may call them.
contract TestERC20 is ERC20Base {
    string public name;
    string public symbol;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20Base(decimals_) {
        name = name_;
        symbol = symbol_;
    }
}
