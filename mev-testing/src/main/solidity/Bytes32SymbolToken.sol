// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC20Base} from "./ERC20Base.sol";

/// @title Bytes32SymbolToken
/// @notice ERC-20 test token whose name() and symbol() return bytes32, like MKR and SAI.
///         Public mint/burn: anyone may call them.
contract Bytes32SymbolToken is ERC20Base {
    bytes32 public name;
    bytes32 public symbol;

    constructor(bytes32 name_, bytes32 symbol_, uint8 decimals_) ERC20Base(decimals_) {
        name = name_;
        symbol = symbol_;
    }
}
